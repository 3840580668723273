import type { Logger } from '@aws-lambda-powertools/logger';
import { type Message, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  type ShardRequestMessage,
  shardMessageKind,
  shardRequestMessageSchema,
} from '../contracts/shard-messages.ts';
import { maskDigits, maskIdentifier, maskJid } from '../platform/mask-personal-data.ts';
import { retryWhileQueueIsNew } from '../platform/retry-while-queue-is-new.ts';
import { sqsMessageBody } from '../platform/sqs-message-body.ts';
import { PROFILE_REQUESTS_QUEUE } from '../resources/queue-definitions.ts';
import type { HandleBatchRequest } from './handle-batch-request.ts';
import type { HandleLogoutSession } from './handle-logout-session.ts';
import type { HandlePairSession } from './handle-pair-session.ts';
import type { HandlePictureRequest } from './handle-picture-request.ts';
import type { HandleProfileRequest } from './handle-profile-request.ts';
import { ACK, LEAVE, type MessageDecision, type MessageHandler } from './message-decision.ts';
import {
  refusalOf,
  type ShardMessageBoundary,
  type ShardQueueSource,
} from './shard-message-boundary.ts';

export interface ShardMessageHandlerDependencies {
  sqs: SQSClient;
  /** The queue this handler reads: its shard, and whether it carries lookups or commands. */
  source: ShardQueueSource;
  /** The deployment's shard count and reply queues, that each message is checked against. */
  boundary: ShardMessageBoundary;
  handleProfileRequest: HandleProfileRequest;
  /** Picture lookups; without it such a message is left (for a worker that has it). */
  handlePictureRequest?: HandlePictureRequest;
  /** Batch lookups; without it such a message is left (for a worker that has it). */
  handleBatchRequest?: HandleBatchRequest;
  /** Pairing commands; without it such a message is left (for a worker that has it). */
  handlePairSession?: HandlePairSession;
  /** Logout commands; without it such a message is left (for a worker that has it). */
  handleLogoutSession?: HandleLogoutSession;
  logger: Logger;
  /** How long after its deadline a request is still worth fetching (it warms the cache). */
  lateRequestMaxAgeMs: number;
  now?: () => number;
}

/** A lookup ends before its message becomes visible again (margin for the reply and delete). */
const MAX_LOOKUP_MS = (PROFILE_REQUESTS_QUEUE.visibilityTimeoutSeconds - 5) * 1000;
/** A rate-limited warm-up without a Retry-After comes back after this long. */
const DEFAULT_WARMUP_RETRY_SECONDS = 60;

/**
 * The shard-message handler: handles every kind of message on a shard's request queue. A
 * profile, picture or batch lookup is answered on its reply queue while its caller still waits,
 * and writes the cache (a warm-up only writes the cache). Session commands (pairing, logout) run
 * their own handlers; a logout is answered on its reply queue like a lookup. The decision: `ack`
 * once answered; `leave` for an unreadable message or an unexpected failure (it comes back after
 * its visibility timeout and, after a bounded number of receives, moves to the dead-letter
 * queue); `retry` for a warm-up the session's budget cannot take yet (it waits instead of being
 * lost; its own deadline still bounds how long it keeps coming back). A message of a known kind
 * that breaks the boundary (an identifier outside the API's rules, a contact the API's parsing
 * never yields, a session of another shard, a command on a request queue, a reply queue not of
 * this deployment) is refused: logged with its identifiers masked and deleted, never handled
 * nor retried.
 */
export function createShardMessageHandler(
  dependencies: ShardMessageHandlerDependencies,
): MessageHandler {
  const { logger } = dependencies;
  const now = dependencies.now ?? Date.now;

  /** Runs the request's own handler; undefined when this worker has none for its kind. */
  function handle(request: ShardRequestMessage, signal: AbortSignal) {
    switch (request.kind) {
      case 'profile-lookup':
      case 'warmup-lookup':
        return dependencies.handleProfileRequest(request, signal);
      case 'picture-lookup':
        return dependencies.handlePictureRequest?.(request, signal);
      case 'batch-lookup':
        return dependencies.handleBatchRequest?.(request, signal);
      case 'pair-session':
        // Answered once the socket is connecting: pairing goes on in the worker, not here.
        return dependencies.handlePairSession?.(request);
      case 'logout-session':
        return dependencies.handleLogoutSession?.(request, signal);
    }
  }

  return async function handleShardMessage(message: Message): Promise<MessageDecision> {
    const read = readRequest(message.Body);
    if (read.kind === 'unreadable') {
      logger.error('unreadable request message; leaving it for the dead-letter queue', {
        messageId: message.MessageId,
        receiveCount: message.Attributes?.ApproximateReceiveCount,
      });
      return LEAVE;
    }
    if (read.kind === 'malformed')
      return refuse(message, read.messageKind, read.fields, read.problem);
    const { request } = read;
    const refusal = refusalOf(request, dependencies.source, dependencies.boundary);
    if (refusal !== undefined) return refuse(message, request.kind, read.fields, refusal);
    const context = {
      kind: request.kind,
      correlationId: request.correlationId,
      tenantId: request.tenantId,
      ...('contacts' in request && { contacts: request.contacts.length }),
      ...('contact' in request && {
        contact:
          request.contact.kind === 'jid'
            ? maskJid(request.contact.jid)
            : maskDigits(request.contact.digits),
      }),
    };
    const receivedAt = now();
    if (receivedAt > request.deadline + dependencies.lateRequestMaxAgeMs) {
      logger.info('dropping a request long past its deadline', context);
      return ACK;
    }
    // Past its deadline the request still warms the cache, within the same budget of time, but
    // never past its visibility timeout: a longer lookup would be redelivered while it runs.
    const budgetMs = Math.min(
      Math.max(request.deadline - receivedAt, 0) + dependencies.lateRequestMaxAgeMs,
      MAX_LOOKUP_MS,
    );
    const outcome = await handle(request, AbortSignal.timeout(budgetMs));
    if (!outcome) {
      logger.error('no handler for this kind of request on this worker; leaving it', context);
      return LEAVE;
    }
    try {
      if ('replyQueueUrl' in request && now() <= request.deadline) {
        await sendReply(request.replyQueueUrl, sqsMessageBody(outcome.reply), request.deadline);
      }
    } catch (error) {
      // The caller's reply queue may be gone (swept, or its Lambda recycled): nothing waits.
      logger.warn('could not send the reply', { ...context, error: error as Error });
    }
    if (outcome.kind === 'retry') {
      logger.error('profile request failed; it will be retried', {
        ...context,
        receiveCount: message.Attributes?.ApproximateReceiveCount,
        error: outcome.error as Error,
      });
      return LEAVE;
    }
    const reply = outcome.reply;
    if (request.kind === 'warmup-lookup' && !reply.ok && reply.errorCode === 'RATE_LIMITED') {
      logger.info('warm-up postponed by the session budget', context);
      return {
        kind: 'retry',
        afterSeconds: reply.retryAfterSeconds ?? DEFAULT_WARMUP_RETRY_SECONDS,
      };
    }
    logger.info('request answered', {
      ...context,
      ok: reply.ok,
      ...(reply.ok ? {} : { errorCode: reply.errorCode }),
    });
    return ACK;
  };

  /** A refused message is deleted: handling it again would refuse it again. */
  function refuse(
    message: Message,
    messageKind: string,
    fields: MessageFields,
    refusal: string,
  ): MessageDecision {
    logger.warn('refused a shard message; deleting it', {
      messageId: message.MessageId,
      shard: dependencies.source.shard,
      queue: dependencies.source.carries,
      messageKind,
      tenantId: maskIdentifier(fields.tenantId),
      userId: maskIdentifier(fields.userId),
      refusal,
    });
    return ACK;
  }

  /**
   * SQS documents that a new queue may not be usable for about a second after CreateQueue; the
   * caller creates its reply queue on its first live lookup, so a reply that meets
   * QueueDoesNotExist is retried until the request's deadline instead of being lost.
   */
  async function sendReply(queueUrl: string, body: string, deadline: number): Promise<void> {
    await retryWhileQueueIsNew(
      () =>
        dependencies.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body })),
      { giveUpAt: deadline, pauseMs: (attempt) => Math.min(50 * 2 ** attempt, 500), now },
    );
  }
}

type ReadRequest =
  | { kind: 'unreadable' }
  | { kind: 'malformed'; messageKind: string; problem: string; fields: MessageFields }
  | { kind: 'request'; request: ShardRequestMessage; fields: MessageFields };

type MessageFields = { tenantId?: unknown; userId?: unknown };

/**
 * Not JSON, or a kind this release does not read: `unreadable` (left: a worker of a later
 * release, or the dead-letter queue, takes it). A known kind that breaks its schema:
 * `malformed`, with where (never the values: they may be personal data).
 */
function readRequest(body: string | undefined): ReadRequest {
  let value: unknown;
  try {
    value = JSON.parse(body ?? '');
  } catch {
    return { kind: 'unreadable' };
  }
  const messageKind = shardMessageKind(value);
  if (messageKind === undefined) return { kind: 'unreadable' };
  const fields = value as MessageFields;
  const parsed = shardRequestMessageSchema.safeParse(value);
  if (parsed.success) return { kind: 'request', request: parsed.data, fields };
  const problem = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`)
    .join('; ');
  return { kind: 'malformed', messageKind, problem, fields };
}
