/**
 * One definition of each SQS queue, read by the CDK stateful stack and by the local stack.
 * Request and session-command queues exist once per session shard; reply queues are created at run time by each
 * profile Lambda execution environment under REPLY_QUEUE_NAME_PREFIX.
 */
export interface QueueDefinition {
  id: string;
  /** Seconds a received message stays invisible before it is redelivered. */
  visibilityTimeoutSeconds: number;
  retentionSeconds: number;
  /** Receives before a message moves to the dead-letter queue; absent for a DLQ itself. */
  maxReceiveCount?: number;
  deadLetterQueueId?: string;
}

/** A dead-letter queue keeps what failed for the longest SQS allows (14 days), for the operator. */
function deadLetterQueue<Id extends string>(id: Id) {
  return {
    id,
    visibilityTimeoutSeconds: 30,
    retentionSeconds: 14 * 24 * 3600,
  } as const satisfies QueueDefinition;
}

export const PROFILE_REQUESTS_DLQ = deadLetterQueue('ProfileRequestsDlq');

/** Live lookups for the worker; one queue per shard, `ProfileRequestsShard<N>`. */
export const PROFILE_REQUESTS_QUEUE = {
  id: 'ProfileRequests',
  // A lookup finishes well inside the 29 s API Gateway limit; a crashed worker's message
  // comes back after this and is answered or dropped by its deadline.
  visibilityTimeoutSeconds: 30,
  retentionSeconds: 3600,
  maxReceiveCount: 3,
  deadLetterQueueId: PROFILE_REQUESTS_DLQ.id,
} as const satisfies QueueDefinition;

/**
 * Commands that change a session (pair, logout) for the worker; one queue per shard,
 * `SessionCommandsShard<N>`. Apart from the request queues so that only the session function's
 * role may send them: the contacts roles, which only look contacts up, cannot log anyone out.
 * Their failures go to the request dead-letter queue (one queue to watch, one alarm).
 */
export const SESSION_COMMANDS_QUEUE = {
  id: 'SessionCommands',
  visibilityTimeoutSeconds: PROFILE_REQUESTS_QUEUE.visibilityTimeoutSeconds,
  retentionSeconds: 3600,
  maxReceiveCount: 3,
  deadLetterQueueId: PROFILE_REQUESTS_DLQ.id,
} as const satisfies QueueDefinition;

export const PROFILE_WARMUPS_DLQ = deadLetterQueue('ProfileWarmupsDlq');

/**
 * Batch warm-ups from other services: "refresh these contacts into the cache, I won't wait".
 * The worker turns each contact into a request on its session's shard queue, so warm-ups go
 * through the same single-flight and per-session budgets as live reads.
 */
export const PROFILE_WARMUPS_QUEUE = {
  id: 'ProfileWarmups',
  visibilityTimeoutSeconds: 60,
  retentionSeconds: 4 * 24 * 3600,
  maxReceiveCount: 5,
  deadLetterQueueId: PROFILE_WARMUPS_DLQ.id,
} as const satisfies QueueDefinition;

export const WEBHOOK_DELIVERIES_DLQ = deadLetterQueue('WebhookDeliveriesDlq');

/**
 * Events on their way to the tenants' webhooks (fed by the bus's rule; locally by the
 * publisher). A failed attempt comes back after an exponential delay (the delivery function
 * sets the message's visibility); past the last attempt, about 24 h after the first, the
 * message moves to the dead-letter queue, which has an alarm. See webhook-retry-schedule.ts.
 */
export const WEBHOOK_DELIVERIES_QUEUE = {
  id: 'WebhookDeliveries',
  // Six times the delivery function's timeout, as AWS advises for a Lambda event source: a
  // crashed invocation's messages come back after this.
  visibilityTimeoutSeconds: 180,
  retentionSeconds: 4 * 24 * 3600,
  maxReceiveCount: 20,
  deadLetterQueueId: WEBHOOK_DELIVERIES_DLQ.id,
} as const satisfies QueueDefinition;

export const QUEUE_DEFINITIONS: readonly QueueDefinition[] = [
  PROFILE_REQUESTS_DLQ,
  PROFILE_REQUESTS_QUEUE,
  SESSION_COMMANDS_QUEUE,
  PROFILE_WARMUPS_DLQ,
  PROFILE_WARMUPS_QUEUE,
  WEBHOOK_DELIVERIES_DLQ,
  WEBHOOK_DELIVERIES_QUEUE,
];

/** Name of the request queue for one shard (the local stack; CDK lets CloudFormation name it). */
export function requestQueueId(shard: number): string {
  return `${PROFILE_REQUESTS_QUEUE.id}Shard${shard}`;
}

/** Name of the session-command queue for one shard (the local stack; CDK names it itself). */
export function sessionCommandQueueId(shard: number): string {
  return `${SESSION_COMMANDS_QUEUE.id}Shard${shard}`;
}

/** A reply queue's name: the deployment's prefix, then 32 hex digits of a random UUID. */
export function replyQueueName(namePrefix: string, uuid: string): string {
  return `${namePrefix}${uuid.replaceAll('-', '')}`;
}

/** Whether `name` is a reply queue name under `namePrefix` (what replyQueueName makes). */
export function isReplyQueueName(namePrefix: string, name: string): boolean {
  return name.startsWith(namePrefix) && /^[0-9a-f]{32}$/.test(name.slice(namePrefix.length));
}

/** Tags on every reply queue, so the sweeper can find idle ones. */
export const REPLY_QUEUE_TAGS = {
  purpose: 'profile-reply',
  lastUsedAtTag: 'last-used-at',
} as const;

/** Reply queues hold a reply for as long as any caller could still wait for it. */
export const REPLY_QUEUE_ATTRIBUTES = {
  MessageRetentionPeriod: '60',
  ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: '5',
} as const;
