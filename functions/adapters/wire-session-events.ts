import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import * as z from '../domain/validation/zod-mini.ts';
import { onFirstUse } from '../platform/on-first-use.ts';
import { createEventBridgeClient } from '../platform/optional-aws-clients.ts';
import { environmentValues } from '../platform/parse-environment.ts';
import { sqsMessageBody } from '../platform/sqs-message-body.ts';
import {
  type ContactChangedEvent,
  type ContactEventPublisher,
  NO_CONTACT_EVENTS,
} from '../ports/contact-events.ts';
import {
  NO_SESSION_EVENTS,
  type SessionEventPublisher,
  type SessionStatusChange,
} from '../ports/session-events.ts';
import {
  CONTACT_CHANGED_EVENT,
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

/** The product's events, of either kind: each publisher below sends both. */
export type EventPublisher = SessionEventPublisher & ContactEventPublisher;

/** A process configured without a bus or a queue: no event of either kind is sent. */
export const NO_EVENTS: EventPublisher = { ...NO_SESSION_EVENTS, ...NO_CONTACT_EVENTS };

/** The one switch between the publishers below, from the process's configuration. */
export function wireSessionEvents(
  config: SessionEventsConfig,
  clients: { sqs: SQSClient },
  logger: Logger,
): EventPublisher {
  const { EVENT_BUS_NAME: busName, LOCAL_EVENTS_QUEUE_URL: queueUrl } = config;
  const publisher: (() => EventPublisher) | undefined = busName
    ? () => new EventBridgeSessionEvents({ client: createEventBridgeClient(), busName, logger })
    : queueUrl
      ? () => new QueueSessionEvents({ sqs: clients.sqs, queueUrl, logger })
      : undefined;
  if (!publisher) return NO_EVENTS;
  // Its client on the first event, not at start: most requests publish none.
  const events = onFirstUse(publisher);
  return {
    publish: (change) => events().publish(change),
    publishContactChanged: (event) => events().publishContactChanged(event),
  };
}

/** One event to publish: its type, its data, and what a failure logs (no personal data). */
interface Outgoing {
  detailType: string;
  detail: object;
  failure: { message: string; fields: Record<string, unknown> };
}

function sessionStatusEvent(change: SessionStatusChange): Outgoing {
  const fields = { status: change.status, reason: change.reason };
  const message = 'session event not published';
  return { detailType: SESSION_STATUS_EVENT, detail: change, failure: { message, fields } };
}

function contactChangedEvent(event: ContactChangedEvent): Outgoing {
  const failure = { message: 'contact event not published', fields: { changed: event.changed } };
  return { detailType: CONTACT_CHANGED_EVENT, detail: event, failure };
}

/** A publisher never throws: the change it reports is recorded already, so a failure is logged. */
function logUnpublished(logger: Logger, outgoing: Outgoing, error: unknown): void {
  logger.error(outgoing.failure.message, {
    ...outgoing.failure.fields,
    errorMessage: error instanceof Error ? error.message : String(error),
  });
}

/**
 * Session events onto the stack's EventBridge bus: `source` names the product, `detail-type` is
 * the event type, `detail` its data. A rule on the bus feeds the webhook delivery queue; other
 * AWS services subscribe with rules of their own.
 */
export class EventBridgeSessionEvents implements EventPublisher {
  readonly #client: EventBridgeClient;
  readonly #busName: string;
  readonly #logger: Logger;

  constructor(options: { client: EventBridgeClient; busName: string; logger: Logger }) {
    this.#client = options.client;
    this.#busName = options.busName;
    this.#logger = options.logger;
  }

  publish(change: SessionStatusChange): Promise<void> {
    return this.#put(sessionStatusEvent(change));
  }

  publishContactChanged(event: ContactChangedEvent): Promise<void> {
    return this.#put(contactChangedEvent(event));
  }

  async #put(outgoing: Outgoing): Promise<void> {
    try {
      const result = await this.#client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: this.#busName,
              Source: EVENT_SOURCE,
              DetailType: outgoing.detailType,
              Detail: JSON.stringify(outgoing.detail),
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
      logUnpublished(this.#logger, outgoing, error);
    }
  }
}

/**
 * The local stack's publisher: writes each event to the embedded webhook delivery queue in the
 * envelope EventBridge's SQS target delivers on AWS, so the delivery function reads the same
 * message either way (docs/emulator-differences.md: there is no bus locally).
 */
export class QueueSessionEvents implements EventPublisher {
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;
  readonly #logger: Logger;

  constructor(options: { sqs: SQSClient; queueUrl: string; logger: Logger }) {
    this.#sqs = options.sqs;
    this.#queueUrl = options.queueUrl;
    this.#logger = options.logger;
  }

  publish(change: SessionStatusChange): Promise<void> {
    return this.#send(sessionStatusEvent(change));
  }

  publishContactChanged(event: ContactChangedEvent): Promise<void> {
    return this.#send(contactChangedEvent(event));
  }

  async #send(outgoing: Outgoing): Promise<void> {
    const envelope: EventEnvelope = {
      id: randomUUID(),
      'detail-type': outgoing.detailType,
      source: EVENT_SOURCE,
      // EventBridge's `time` has whole seconds.
      time: `${new Date().toISOString().slice(0, 19)}Z`,
      detail: { ...outgoing.detail },
    };
    try {
      await this.#sqs.send(
        // ASCII-only: fauxqs refuses the emoji an about text may hold (emulator-differences.md).
        new SendMessageCommand({ QueueUrl: this.#queueUrl, MessageBody: sqsMessageBody(envelope) }),
      );
    } catch (error) {
      logUnpublished(this.#logger, outgoing, error);
    }
  }
}
