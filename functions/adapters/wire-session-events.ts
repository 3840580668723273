import type { Logger } from '@aws-lambda-powertools/logger';
import type { SQSClient } from '@aws-sdk/client-sqs';
import * as z from '../domain/validation/zod-mini.ts';
import { onFirstUse } from '../platform/on-first-use.ts';
import { createEventBridgeClient } from '../platform/optional-aws-clients.ts';
import { environmentValues } from '../platform/parse-environment.ts';
import { NO_SESSION_EVENTS, type SessionEventPublisher } from '../ports/session-events.ts';
import { EventBridgeSessionEvents } from './eventbridge-session-events.ts';
import { QueueSessionEvents } from './queue-session-events.ts';

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

export function wireSessionEvents(
  config: SessionEventsConfig,
  clients: { sqs: SQSClient },
  logger: Logger,
): SessionEventPublisher {
  const { EVENT_BUS_NAME: busName, LOCAL_EVENTS_QUEUE_URL: queueUrl } = config;
  const publisher: (() => SessionEventPublisher) | undefined = busName
    ? () => new EventBridgeSessionEvents({ client: createEventBridgeClient(), busName, logger })
    : queueUrl
      ? () => new QueueSessionEvents({ sqs: clients.sqs, queueUrl, logger })
      : undefined;
  if (!publisher) return NO_SESSION_EVENTS;
  // Its client on the first event, not at start: most requests publish none.
  const events = onFirstUse(publisher);
  return { publish: (change) => events().publish(change) };
}
