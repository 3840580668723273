import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod/mini';
import { createEventBridgeClient } from '../platform/optional-aws-clients.ts';
import { environmentValues } from '../platform/parse-environment.ts';
import {
  NO_SESSION_EVENTS,
  type SessionEventPublisher,
  type SessionStatusChange,
} from '../ports/session-events.ts';
import {
  EVENT_SOURCE,
  type EventEnvelope,
  SESSION_STATUS_EVENT,
} from '../resources/event-definitions.ts';

/**
 * Where a process that changes session statuses sends its events: EVENT_BUS_NAME on AWS (set
 * by the stacks), LOCAL_EVENTS_QUEUE_URL in the local stack. Neither: events are off (a test
 * that does not look at them).
 */
export const sessionEventsConfigShape = {
  EVENT_BUS_NAME: z.optional(environmentValues.name),
  LOCAL_EVENTS_QUEUE_URL: z.optional(environmentValues.url),
};

export interface SessionEventsConfig {
  EVENT_BUS_NAME?: string | undefined;
  LOCAL_EVENTS_QUEUE_URL?: string | undefined;
}

/** The one switch between the publishers below, from the process's configuration. */
export function wireSessionEvents(
  config: SessionEventsConfig,
  clients: { sqs: SQSClient },
  logger: Logger,
): SessionEventPublisher {
  if (config.EVENT_BUS_NAME) {
    return new EventBridgeSessionEvents({
      client: createEventBridgeClient(),
      busName: config.EVENT_BUS_NAME,
      logger,
    });
  }
  if (config.LOCAL_EVENTS_QUEUE_URL) {
    return new QueueSessionEvents({
      sqs: clients.sqs,
      queueUrl: config.LOCAL_EVENTS_QUEUE_URL,
      logger,
    });
  }
  return NO_SESSION_EVENTS;
}

/** A publisher never throws: the change it reports is recorded already, so a failure is logged. */
function logUnpublished(logger: Logger, change: SessionStatusChange, error: unknown): void {
  logger.error('session event not published', {
    status: change.status,
    reason: change.reason,
    errorMessage: error instanceof Error ? error.message : String(error),
  });
}

/**
 * Session events onto the stack's EventBridge bus: `source` names the product, `detail-type` is
 * the event type, `detail` its data. A rule on the bus feeds the webhook delivery queue; other
 * AWS services subscribe with rules of their own.
 */
export class EventBridgeSessionEvents implements SessionEventPublisher {
  readonly #client: EventBridgeClient;
  readonly #busName: string;
  readonly #logger: Logger;

  constructor(options: { client: EventBridgeClient; busName: string; logger: Logger }) {
    this.#client = options.client;
    this.#busName = options.busName;
    this.#logger = options.logger;
  }

  async publish(change: SessionStatusChange): Promise<void> {
    try {
      const result = await this.#client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: this.#busName,
              Source: EVENT_SOURCE,
              DetailType: SESSION_STATUS_EVENT,
              Detail: JSON.stringify(change),
              Time: new Date(),
            },
          ],
        }),
      );
      // PutEvents answers 200 with per-entry failures; those are failures all the same.
      if (result.FailedEntryCount) {
        throw new Error(result.Entries?.[0]?.ErrorMessage ?? 'PutEvents refused the entry');
      }
    } catch (error) {
      logUnpublished(this.#logger, change, error);
    }
  }
}

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
      logUnpublished(this.#logger, change, error);
    }
  }
}
