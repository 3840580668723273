import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SessionEventPublisher, SessionStatusChange } from '../ports/session-events.ts';
import {
  EVENT_SOURCE,
  type EventEnvelope,
  SESSION_STATUS_EVENT,
} from '../resources/event-definitions.ts';

/**
 * The local stack's publisher: writes each event to the embedded webhook delivery queue in the
 * envelope EventBridge's SQS target delivers on AWS, so the delivery function reads the same
 * message either way (docs/emulator-differences.md: there is no bus locally).
 */
export class QueueSessionEvents implements SessionEventPublisher {
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;
  readonly #logger: Logger;

  constructor(options: { sqs: SQSClient; queueUrl: string; logger: Logger }) {
    this.#sqs = options.sqs;
    this.#queueUrl = options.queueUrl;
    this.#logger = options.logger;
  }

  async publish(change: SessionStatusChange): Promise<void> {
    const envelope: EventEnvelope = {
      id: randomUUID(),
      'detail-type': SESSION_STATUS_EVENT,
      source: EVENT_SOURCE,
      // EventBridge's `time` has whole seconds.
      time: `${new Date().toISOString().slice(0, 19)}Z`,
      detail: { ...change },
    };
    try {
      await this.#sqs.send(
        new SendMessageCommand({ QueueUrl: this.#queueUrl, MessageBody: JSON.stringify(envelope) }),
      );
    } catch (error) {
      this.#logger.error('session event not published', {
        status: change.status,
        reason: change.reason,
        errorMessage: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
