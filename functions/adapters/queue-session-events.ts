import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { sqsMessageBody } from '../platform/sqs-message-body.ts';
import type { ContactChangedEvent, ContactEventPublisher } from '../ports/contact-events.ts';
import type { SessionEventPublisher, SessionStatusChange } from '../ports/session-events.ts';
import {
  CONTACT_CHANGED_EVENT,
  EVENT_SOURCE,
  type EventEnvelope,
  SESSION_STATUS_EVENT,
} from '../resources/event-definitions.ts';

/**
 * The local stack's publisher: writes each event to the embedded webhook delivery queue in the
 * envelope EventBridge's SQS target delivers on AWS, so the delivery function reads the same
 * message either way (docs/emulator-differences.md: there is no bus locally).
 */
export class QueueSessionEvents implements SessionEventPublisher, ContactEventPublisher {
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;
  readonly #logger: Logger;

  constructor(options: { sqs: SQSClient; queueUrl: string; logger: Logger }) {
    this.#sqs = options.sqs;
    this.#queueUrl = options.queueUrl;
    this.#logger = options.logger;
  }

  async publish(change: SessionStatusChange): Promise<void> {
    await this.#send(SESSION_STATUS_EVENT, change, {
      status: change.status,
      reason: change.reason,
    });
  }

  async publishContactChanged(event: ContactChangedEvent): Promise<void> {
    await this.#send(CONTACT_CHANGED_EVENT, event, { changed: event.changed });
  }

  /** Never throws: a failure is logged with `logged` (no personal data) and dropped. */
  async #send(detailType: string, detail: object, logged: Record<string, unknown>): Promise<void> {
    const envelope: EventEnvelope = {
      id: randomUUID(),
      'detail-type': detailType,
      source: EVENT_SOURCE,
      // EventBridge's `time` has whole seconds.
      time: `${new Date().toISOString().slice(0, 19)}Z`,
      detail: { ...detail },
    };
    try {
      await this.#sqs.send(
        new SendMessageCommand({ QueueUrl: this.#queueUrl, MessageBody: sqsMessageBody(envelope) }),
      );
    } catch (error) {
      this.#logger.error('event not published', {
        eventType: detailType,
        ...logged,
        errorMessage: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
