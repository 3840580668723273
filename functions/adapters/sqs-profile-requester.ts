import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  type ReceiveMessageCommandOutput,
  SendMessageCommand,
  type SQSClient,
  TagQueueCommand,
} from '@aws-sdk/client-sqs';
import type * as z from 'zod';
import {
  type LogoutSessionCommand,
  logoutReplyMessageSchema,
  type PairSessionCommand,
} from '../contracts/session-commands.ts';
import {
  type BatchLookupMessage,
  batchReplyMessageSchema,
  type PictureLookupMessage,
  type ProfileRequestMessage,
  pictureReplyMessageSchema,
  profileReplyMessageSchema,
  type ShardRequestMessage,
} from '../contracts/shard-messages.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import type { PictureType } from '../domain/contact/profile-picture.ts';
import {
  AppError,
  appErrorFromCode,
  ServiceUnavailableError,
  SessionUnavailableError,
  UpstreamTimeoutError,
} from '../domain/errors/app-errors.ts';
import { type SessionIdentity, sessionShard } from '../domain/session/session-identity.ts';
import { retryWhileQueueIsNew } from '../platform/retry-while-queue-is-new.ts';
import { sqsMessageBody } from '../platform/sqs-message-body.ts';
import type {
  BatchProfileRequester,
  LiveBatchItem,
  LivePicture,
  LiveProfile,
  PictureRequester,
  ProfileRequester,
} from '../ports/profile-requester.ts';
import type { SessionCommands } from '../ports/session-commands.ts';
import type { WorkerPresence } from '../ports/worker-presence.ts';
import { REPLY_QUEUE_ATTRIBUTES, REPLY_QUEUE_TAGS } from '../resources/queue-definitions.ts';

export interface SqsProfileRequesterOptions {
  sqs: SQSClient;
  presence: WorkerPresence;
  /** Request queue URL per shard (index = shard). */
  requestQueueUrls: readonly string[];
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

interface ReplyWaiter {
  deadline: number;
  /** The reply's JSON, parsed; each waiter checks it against its own reply schema. */
  resolve(reply: unknown): void;
  reject(error: unknown): void;
}

const DEFAULT_TOUCH_INTERVAL_MS = 5 * 60_000;
const DEFAULT_NEW_QUEUE_GRACE_MS = 5_000;
/** Pauses between retries of a queue that does not exist yet: short, then a little longer. */
const NEW_QUEUE_RETRY_PAUSES_MS = [50, 100, 200, 400] as const;
const MAX_LONG_POLL_SECONDS = 20;

/**
 * Request/reply over SQS. Each Lambda execution environment owns one reply queue, created on
 * first use under a fixed name prefix and tagged so an idle one can be swept. On Lambda an
 * environment serves one request at a time, but a host running the handler concurrently (the
 * local gateway) has several requests waiting on the same queue: one poller receives for all of
 * them and hands each reply to its waiter. Anything else is a late reply to an earlier request:
 * deleted and ignored.
 */
export class SqsProfileRequester
  implements ProfileRequester, PictureRequester, BatchProfileRequester, SessionCommands
{
  readonly #options: SqsProfileRequesterOptions;
  readonly #now: () => number;
  readonly #touchIntervalMs: number;
  readonly #queueNamePrefix: string;
  #replyQueueUrl: string | undefined;
  #touchedAt = 0;
  /** When the current reply queue was created (epoch ms); 0 for none. */
  #replyQueueCreatedAt = 0;
  readonly #newQueueGraceMs: number;
  /** Requests waiting for their reply, by correlation id. */
  readonly #waiting = new Map<string, ReplyWaiter>();
  #replyQueueReady: Promise<string> | undefined;
  /** The one receive loop on the reply queue, running while anyone waits. */
  #poller: { queueUrl: string; stop: AbortController } | undefined;

  constructor(options: SqsProfileRequesterOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#touchIntervalMs = options.replyQueueTouchIntervalMs ?? DEFAULT_TOUCH_INTERVAL_MS;
    this.#queueNamePrefix = options.replyQueueNamePrefix;
    this.#newQueueGraceMs = options.newQueueGraceMs ?? DEFAULT_NEW_QUEUE_GRACE_MS;
  }

  async request(
    identity: SessionIdentity,
    contact: ContactQuery,
    options: { deadline: number; refresh: boolean },
  ): Promise<LiveProfile> {
    const reply = await this.#exchange(
      identity,
      options.deadline,
      profileReplyMessageSchema,
      (common): ProfileRequestMessage => ({
        kind: 'profile-lookup',
        ...common,
        contact,
        refresh: options.refresh,
      }),
    );
    if (reply.ok) return { profile: reply.profile, fetchedAt: reply.fetchedAt };
    throw appErrorFromCode(reply.errorCode, reply.message, reply.retryAfterSeconds);
  }

  async requestPicture(
    identity: SessionIdentity,
    contact: ContactQuery,
    options: { deadline: number; refresh: boolean; type: PictureType; existingId?: string },
  ): Promise<LivePicture> {
    const reply = await this.#exchange(
      identity,
      options.deadline,
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
    if (!reply.ok) {
      throw appErrorFromCode(reply.errorCode, reply.message, reply.retryAfterSeconds);
    }
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
      batchReplyMessageSchema,
      (common): BatchLookupMessage => ({
        kind: 'batch-lookup',
        ...common,
        contacts: [...contacts],
        refresh: options.refresh,
      }),
    );
    if (!reply.ok) {
      throw appErrorFromCode(reply.errorCode, reply.message, reply.retryAfterSeconds);
    }
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
            error: appErrorFromCode(item.errorCode, item.message, item.retryAfterSeconds),
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
    await this.#reachWorkerTier(() => this.#sendToShard(identity, message));
  }

  async logOut(
    identity: SessionIdentity,
    options: { deadline: number },
  ): Promise<{ unlinked: boolean }> {
    const reply = await this.#exchange(
      identity,
      options.deadline,
      logoutReplyMessageSchema,
      (common): LogoutSessionCommand => ({ kind: 'logout-session', ...common }),
    ).catch((error: unknown) => {
      if (!(error instanceof UpstreamTimeoutError)) throw error;
      throw new UpstreamTimeoutError(
        'the session worker did not confirm the logout within the deadline; retry DELETE /session',
      );
    });
    if (!reply.ok) {
      throw appErrorFromCode(reply.errorCode, reply.message, reply.retryAfterSeconds);
    }
    return { unlinked: reply.unlinked };
  }

  /** Sends a message to the session's shard queue once a live worker holds that shard. */
  async #sendToShard(identity: SessionIdentity, message: ShardRequestMessage): Promise<void> {
    const queueUrl = await this.#servedQueueOf(identity);
    await this.#options.sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: sqsMessageBody(message) }),
    );
  }

  /** The request queue of the session's shard; SESSION_UNAVAILABLE when no worker holds it. */
  async #servedQueueOf(identity: SessionIdentity): Promise<string> {
    const shard = sessionShard(identity, this.#options.requestQueueUrls.length);
    if (!(await this.#options.presence.isShardServed(shard))) {
      throw new SessionUnavailableError(
        'no session worker is serving this session right now; retry shortly',
      );
    }
    return this.#options.requestQueueUrls[shard] as string;
  }

  /**
   * One request to the session's shard and its reply, parsed with the reply schema of its kind.
   * A reply that does not match the schema is ignored: the waiter keeps waiting.
   */
  async #exchange<Reply extends { correlationId: string }>(
    identity: SessionIdentity,
    deadline: number,
    replySchema: z.ZodType<Reply>,
    buildMessage: (common: ExchangeFields) => ShardRequestMessage,
  ): Promise<Reply> {
    return this.#reachWorkerTier(async () => {
      const requestQueueUrl = await this.#servedQueueOf(identity);
      const replyQueueUrl = await this.#replyQueue();
      const message = buildMessage({
        version: 1,
        correlationId: randomUUID(),
        replyQueueUrl,
        deadline,
        tenantId: identity.tenantId,
        userId: identity.userId,
      });
      // Waiting starts before the request leaves: a concurrent poller may receive the reply.
      const reply = this.#awaitReply(replyQueueUrl, message.correlationId, deadline, replySchema);
      // Settled before it is awaited if sending outlasts the deadline; handled below either way.
      reply.catch(() => undefined);
      try {
        await this.#options.sqs.send(
          new SendMessageCommand({
            QueueUrl: requestQueueUrl,
            MessageBody: sqsMessageBody(message),
          }),
        );
      } catch (error) {
        this.#stopWaiting(message.correlationId);
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
        {
          cause: error,
        },
      );
    }
  }

  #awaitReply<Reply>(
    replyQueueUrl: string,
    correlationId: string,
    deadline: number,
    replySchema: z.ZodType<Reply>,
  ): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.#stopWaiting(correlationId);
          reject(this.#timeout());
        },
        Math.max(0, deadline - this.#now()),
      );
      const settle = () => {
        clearTimeout(timer);
        this.#waiting.delete(correlationId);
      };
      this.#waiting.set(correlationId, {
        deadline,
        resolve: (received) => {
          const parsed = replySchema.safeParse(received);
          // A reply this request cannot read is ignored like any unreadable one: it times out.
          if (!parsed.success) {
            this.#options.onIgnoredReply?.(correlationId);
            return;
          }
          settle();
          resolve(parsed.data);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      if (this.#poller?.queueUrl !== replyQueueUrl) {
        this.#poller?.stop.abort();
        const stop = new AbortController();
        this.#poller = { queueUrl: replyQueueUrl, stop };
        void this.#pollReplies(replyQueueUrl, stop.signal);
      }
    });
  }

  /**
   * Stops waiting for a reply. The receive in flight is left to finish (it is bounded by the
   * latest deadline): an aborted long poll can still take a message off the queue, hiding the
   * next caller's reply for the queue's visibility timeout; a finished one hands it over.
   */
  #stopWaiting(correlationId: string): void {
    this.#waiting.delete(correlationId);
  }

  async #pollReplies(replyQueueUrl: string, stopped: AbortSignal): Promise<void> {
    let failedPolls = 0;
    let missingQueueRetries = 0;
    try {
      while (this.#waiting.size > 0 && !stopped.aborted) {
        const latest = Math.max(...[...this.#waiting.values()].map((waiter) => waiter.deadline));
        const remainingMs = Math.max(1, latest - this.#now());
        let result: ReceiveMessageCommandOutput;
        try {
          result = await this.#options.sqs.send(
            new ReceiveMessageCommand({
              QueueUrl: replyQueueUrl,
              MaxNumberOfMessages: 10,
              WaitTimeSeconds: Math.min(MAX_LONG_POLL_SECONDS, Math.ceil(remainingMs / 1000)),
            }),
            // Stopped only when the reply queue changes; otherwise polls end by themselves.
            { abortSignal: stopped },
          );
          failedPolls = 0;
        } catch (error) {
          if (stopped.aborted) throw error;
          if (error instanceof QueueDoesNotExist) {
            // A queue created a moment ago may not be visible everywhere yet: keep it, retry.
            if (!this.#isNewQueue(replyQueueUrl)) throw error;
            await sleep(newQueueRetryPause(missingQueueRetries++));
            continue;
          }
          // A poll left over from a frozen Lambda invocation finds its connection gone when the
          // environment thaws: one failure is retried before the waiters hear of it.
          if (++failedPolls > 1) throw error;
          continue;
        }
        const messages = result.Messages ?? [];
        if (messages.length === 0) continue;
        // Waiters get their replies first; the delete that follows is off their path.
        for (const message of messages) {
          const reply = parseReply(message.Body);
          const waiter = reply ? this.#waiting.get(reply.correlationId) : undefined;
          if (reply && waiter) waiter.resolve(reply.json);
          else this.#options.onIgnoredReply?.(reply?.correlationId ?? 'unparseable');
        }
        await this.#options.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: replyQueueUrl,
            Entries: messages.map((message, index) => ({
              Id: String(index),
              ReceiptHandle: message.ReceiptHandle,
            })),
          }),
        );
      }
    } catch (error) {
      if (stopped.aborted) return;
      if (error instanceof QueueDoesNotExist) this.#replyQueueUrl = undefined;
      // Past their deadline waiters time out on their own; the others learn SQS failed.
      for (const waiter of [...this.#waiting.values()]) {
        if (waiter.deadline > this.#now()) waiter.reject(error);
      }
    } finally {
      if (this.#poller?.stop.signal === stopped) this.#poller = undefined;
    }
  }

  #timeout(): UpstreamTimeoutError {
    return new UpstreamTimeoutError(
      'the live profile lookup did not finish within the deadline; retry, it may be cached by then',
    );
  }

  /** The reply queue; concurrent first requests share one creation instead of racing. */
  #replyQueue(): Promise<string> {
    this.#replyQueueReady ??= this.#ensureReplyQueue().finally(() => {
      this.#replyQueueReady = undefined;
    });
    return this.#replyQueueReady;
  }

  async #ensureReplyQueue(): Promise<string> {
    const now = this.#now();
    if (this.#replyQueueUrl && now - this.#touchedAt < this.#touchIntervalMs) {
      return this.#replyQueueUrl;
    }
    const lastUsed = { [REPLY_QUEUE_TAGS.lastUsedAtTag]: new Date(now).toISOString() };
    if (this.#replyQueueUrl) {
      try {
        // Refreshing the tag also proves the queue still exists (the sweeper may have taken it).
        await this.#options.sqs.send(
          new TagQueueCommand({ QueueUrl: this.#replyQueueUrl, Tags: lastUsed }),
        );
        this.#touchedAt = now;
        return this.#replyQueueUrl;
      } catch (error) {
        if (!(error instanceof QueueDoesNotExist)) throw error;
      }
    }
    const created = await this.#options.sqs.send(
      new CreateQueueCommand({
        // A fresh name each time: SQS refuses a name deleted less than 60 s ago (the sweeper).
        QueueName: `${this.#queueNamePrefix}${randomUUID().replaceAll('-', '')}`.slice(0, 80),
        Attributes: { ...REPLY_QUEUE_ATTRIBUTES },
        tags: { purpose: REPLY_QUEUE_TAGS.purpose, ...lastUsed },
      }),
    );
    if (!created.QueueUrl) throw new Error('CreateQueue returned no QueueUrl');
    this.#replyQueueCreatedAt = now;
    await this.#untilUsable(created.QueueUrl);
    this.#replyQueueUrl = created.QueueUrl;
    this.#touchedAt = now;
    return created.QueueUrl;
  }

  /** Whether a QueueDoesNotExist from this queue may still be SQS propagating its creation. */
  #isNewQueue(queueUrl: string): boolean {
    return (
      queueUrl === this.#replyQueueUrl &&
      this.#now() - this.#replyQueueCreatedAt < this.#newQueueGraceMs
    );
  }

  /**
   * No request names a reply queue before the queue answers a receive: AWS documents that a new
   * queue may not be usable for about a second after CreateQueue returns. An empty receive
   * (no wait, visibility 0, so nothing could be hidden) proves it; QueueDoesNotExist within
   * the grace period is retried. The worker also retries a reply that meets QueueDoesNotExist.
   */
  async #untilUsable(queueUrl: string): Promise<void> {
    await retryWhileQueueIsNew(
      () =>
        this.#options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 1,
            WaitTimeSeconds: 0,
            VisibilityTimeout: 0,
          }),
        ),
      {
        giveUpAt: this.#replyQueueCreatedAt + this.#newQueueGraceMs,
        pauseMs: newQueueRetryPause,
        now: this.#now,
      },
    );
  }
}

function newQueueRetryPause(attempt: number): number {
  return NEW_QUEUE_RETRY_PAUSES_MS[Math.min(attempt, NEW_QUEUE_RETRY_PAUSES_MS.length - 1)] ?? 400;
}

/** A reply's JSON and its correlation id; its schema is its waiter's to check. */
function parseReply(body: string | undefined): { correlationId: string; json: unknown } | null {
  try {
    const json: unknown = JSON.parse(body ?? '');
    if (typeof json !== 'object' || json === null || !('correlationId' in json)) return null;
    const { correlationId } = json;
    return typeof correlationId === 'string' ? { correlationId, json } : null;
  } catch {
    return null;
  }
}
