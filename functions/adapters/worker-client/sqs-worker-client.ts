import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  type LogoutSessionCommand,
  logoutReplyMessageSchema,
  type PairSessionCommand,
} from '../../contracts/session-commands.ts';
import {
  type BatchLookupMessage,
  batchReplyMessageSchema,
  type PictureLookupMessage,
  type ProfileRequestMessage,
  pictureReplyMessageSchema,
  profileReplyMessageSchema,
  type ShardRequestMessage,
} from '../../contracts/shard-messages.ts';
import type { ContactQuery } from '../../domain/contact/contact-query.ts';
import type { PictureType } from '../../domain/contact/profile-picture.ts';
import {
  AppError,
  appErrorFromCode,
  type ErrorCode,
  ServiceUnavailableError,
  SessionUnavailableError,
  UpstreamTimeoutError,
} from '../../domain/errors/app-errors.ts';
import { type SessionIdentity, sessionShard } from '../../domain/session/session-identity.ts';
import type * as z from '../../domain/validation/zod-mini.ts';
import { sqsMessageBody } from '../../platform/sqs-message-body.ts';
import type {
  LiveBatchItem,
  LivePicture,
  LiveProfile,
  WorkerClient,
} from '../../ports/worker-client.ts';
import type { WorkerPresence } from '../../ports/worker-presence.ts';
import { ReplyCorrelator } from './reply-correlator.ts';
import { ReplyQueue } from './reply-queue.ts';

export interface SqsWorkerClientOptions {
  sqs: SQSClient;
  presence: WorkerPresence;
  /** Request queue URL per shard (index = shard): lookups. Absent in the session function. */
  requestQueueUrls?: readonly string[];
  /**
   * Session-command queue URL per shard (index = shard): pair and logout. Absent in the
   * contacts functions, whose roles may not send there.
   */
  sessionCommandQueueUrls?: readonly string[];
  replyQueueNamePrefix: string;
  /** How often the reply queue's last-used tag is refreshed (and its existence re-checked). */
  replyQueueTouchIntervalMs?: number;
  /**
   * How long after CreateQueue a QueueDoesNotExist from the new queue is taken for SQS still
   * propagating it (AWS: a new queue may not be usable for about a second) and retried.
   */
  newQueueGraceMs?: number;
  now?: () => number;
  onIgnoredReply?: (correlationId: string) => void;
}

/** What every request that waits for a reply carries, whatever its kind. */
interface ExchangeFields {
  version: 1;
  correlationId: string;
  replyQueueUrl: string;
  deadline: number;
  tenantId: string;
  userId: string;
}

/**
 * What the API functions use to send anything to the session worker (lookups, pairing, logout)
 * over the session's shard queue and, where an answer is due, wait for it on the execution
 * environment's own reply queue (ReplyQueue), matched to its request by ReplyCorrelator.
 */
/** The AppError a failed reply, or a batch reply's failed item, carries. */
function errorOfReply(failure: {
  errorCode: ErrorCode;
  message: string;
  retryAfterSeconds?: number | undefined;
}): AppError {
  return appErrorFromCode(failure.errorCode, failure.message, failure.retryAfterSeconds);
}

export class SqsWorkerClient implements WorkerClient {
  readonly #sqs: SQSClient;
  readonly #presence: WorkerPresence;
  readonly #requestQueueUrls: readonly string[];
  readonly #sessionCommandQueueUrls: readonly string[];
  readonly #replyQueue: ReplyQueue;
  readonly #replies: ReplyCorrelator;

  constructor(options: SqsWorkerClientOptions) {
    this.#sqs = options.sqs;
    this.#presence = options.presence;
    this.#requestQueueUrls = options.requestQueueUrls ?? [];
    this.#sessionCommandQueueUrls = options.sessionCommandQueueUrls ?? [];
    this.#replyQueue = new ReplyQueue({
      sqs: options.sqs,
      namePrefix: options.replyQueueNamePrefix,
      ...(options.replyQueueTouchIntervalMs === undefined
        ? {}
        : { touchIntervalMs: options.replyQueueTouchIntervalMs }),
      ...(options.newQueueGraceMs === undefined
        ? {}
        : { newQueueGraceMs: options.newQueueGraceMs }),
      ...(options.now ? { now: options.now } : {}),
    });
    this.#replies = new ReplyCorrelator({
      sqs: options.sqs,
      replyQueue: this.#replyQueue,
      ...(options.now ? { now: options.now } : {}),
      ...(options.onIgnoredReply ? { onIgnoredReply: options.onIgnoredReply } : {}),
    });
  }

  async request(
    identity: SessionIdentity,
    contact: ContactQuery,
    options: { deadline: number; refresh: boolean },
  ): Promise<LiveProfile> {
    const reply = await this.#exchange(
      identity,
      options.deadline,
      this.#requestQueueUrls,
      profileReplyMessageSchema,
      (common): ProfileRequestMessage => ({
        kind: 'profile-lookup',
        ...common,
        contact,
        refresh: options.refresh,
      }),
    );
    if (!reply.ok) throw errorOfReply(reply);
    return { profile: reply.profile, fetchedAt: reply.fetchedAt };
  }

  async requestPicture(
    identity: SessionIdentity,
    contact: ContactQuery,
    options: { deadline: number; refresh: boolean; type: PictureType; existingId?: string },
  ): Promise<LivePicture> {
    const reply = await this.#exchange(
      identity,
      options.deadline,
      this.#requestQueueUrls,
      pictureReplyMessageSchema,
      (common): PictureLookupMessage => ({
        kind: 'picture-lookup',
        ...common,
        contact,
        refresh: options.refresh,
        pictureType: options.type,
        ...(options.existingId ? { existingId: options.existingId } : {}),
      }),
    );
    if (!reply.ok) throw errorOfReply(reply);
    return {
      picture: reply.picture,
      fetchedAt: reply.fetchedAt,
      ...(reply.expiresAt === undefined ? {} : { expiresAt: reply.expiresAt }),
    };
  }

  async requestMany(
    identity: SessionIdentity,
    contacts: readonly ContactQuery[],
    options: { deadline: number; refresh: boolean },
  ): Promise<LiveBatchItem[]> {
    const reply = await this.#exchange(
      identity,
      options.deadline,
      this.#requestQueueUrls,
      batchReplyMessageSchema,
      (common): BatchLookupMessage => ({
        kind: 'batch-lookup',
        ...common,
        contacts: [...contacts],
        refresh: options.refresh,
      }),
    );
    if (!reply.ok) throw errorOfReply(reply);
    if (reply.items.length !== contacts.length) {
      throw new Error(
        `the worker answered ${reply.items.length} items for ${contacts.length} contacts`,
      );
    }
    return reply.items.map((item) =>
      item.ok
        ? { ok: true as const, profile: item.profile, fetchedAt: item.fetchedAt }
        : {
            ok: false as const,
            error: errorOfReply(item),
          },
    );
  }

  async startPairing(
    identity: SessionIdentity,
    command: { attemptId: string; deadline: number; phoneDigits?: string },
  ): Promise<void> {
    const message: PairSessionCommand = {
      kind: 'pair-session',
      version: 1,
      correlationId: randomUUID(),
      deadline: command.deadline,
      tenantId: identity.tenantId,
      userId: identity.userId,
      attemptId: command.attemptId,
      ...(command.phoneDigits ? { phoneDigits: command.phoneDigits } : {}),
    };
    await this.#reachWorkerTier(async () => {
      const queueUrl = await this.#servedQueueOf(identity, this.#sessionCommandQueueUrls);
      await this.#sqs.send(
        new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: sqsMessageBody(message) }),
      );
    });
  }

  async logOut(
    identity: SessionIdentity,
    options: { deadline: number },
  ): Promise<{ unlinked: boolean }> {
    const reply = await this.#exchange(
      identity,
      options.deadline,
      this.#sessionCommandQueueUrls,
      logoutReplyMessageSchema,
      (common): LogoutSessionCommand => ({ kind: 'logout-session', ...common }),
    ).catch((error: unknown) => {
      if (!(error instanceof UpstreamTimeoutError)) throw error;
      throw new UpstreamTimeoutError(
        'the session worker did not confirm the logout within the deadline; retry DELETE /session',
      );
    });
    if (!reply.ok) throw errorOfReply(reply);
    return { unlinked: reply.unlinked };
  }

  /**
   * The session's shard queue among `queues` (request or session-command queues);
   * SESSION_UNAVAILABLE when no worker holds the shard.
   */
  async #servedQueueOf(identity: SessionIdentity, queues: readonly string[]): Promise<string> {
    if (queues.length === 0) {
      throw new Error('this function has no queue for this kind of message');
    }
    const shard = sessionShard(identity, queues.length);
    if (!(await this.#presence.isShardServed(shard))) {
      throw new SessionUnavailableError(
        'no session worker is serving this session right now; retry shortly',
      );
    }
    return queues[shard] as string;
  }

  /**
   * One request to the session's shard and its reply, parsed with the reply schema of its kind.
   * A reply that does not match the schema is ignored: the waiter keeps waiting.
   */
  async #exchange<Reply extends { correlationId: string }>(
    identity: SessionIdentity,
    deadline: number,
    queues: readonly string[],
    replySchema: z.ZodMiniType<Reply>,
    buildMessage: (common: ExchangeFields) => ShardRequestMessage,
  ): Promise<Reply> {
    return this.#reachWorkerTier(async () => {
      const requestQueueUrl = await this.#servedQueueOf(identity, queues);
      const replyQueueUrl = await this.#replyQueue.url();
      const message = buildMessage({
        version: 1,
        correlationId: randomUUID(),
        replyQueueUrl,
        deadline,
        tenantId: identity.tenantId,
        userId: identity.userId,
      });
      // Waiting starts before the request leaves: a concurrent poller may receive the reply.
      const reply = this.#replies.awaitReply(
        replyQueueUrl,
        message.correlationId,
        deadline,
        replySchema,
      );
      // Settled before it is awaited if sending outlasts the deadline; handled below either way.
      reply.catch(() => undefined);
      try {
        await this.#sqs.send(
          new SendMessageCommand({
            QueueUrl: requestQueueUrl,
            MessageBody: sqsMessageBody(message),
          }),
        );
      } catch (error) {
        this.#replies.stopWaiting(message.correlationId);
        throw error;
      }
      return await reply;
    });
  }

  /** Any failure to talk to SQS or the lease table is our own infrastructure failing. */
  async #reachWorkerTier<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new ServiceUnavailableError(
        'the session worker tier cannot be reached; retry shortly',
        { cause: error },
      );
    }
  }
}
