import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@aws-lambda-powertools/logger';
import {
  type Message,
  QueueDoesNotExist,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { asciiOnlyJson, sqsMessageBody } from '../shared/adapters/sqs-message-body.ts';
import { maskDigits, maskJid } from '../shared/logging/mask-personal-data.ts';
import {
  type ProfileRequestMessage,
  profileRequestMessageSchema,
} from '../shared/ports/profile-request-messages.ts';
import { PROFILE_REQUESTS_QUEUE } from '../shared/resources/queue-definitions.ts';
import type { HandleProfileRequest } from './handle-profile-request.ts';
import { type MessageHandler, SqsQueueConsumer } from './sqs-queue-consumer.ts';

export interface SessionWorkerOptions {
  sqs: SQSClient;
  handleProfileRequest: HandleProfileRequest;
  logger: Logger;
  /** How long after its deadline a request is still worth fetching (it warms the cache). */
  lateRequestMaxAgeMs: number;
  /** Messages handled at once by this process. */
  maxInFlight: number;
  now?: () => number;
}

/** A lookup ends before its message becomes visible again (margin for the reply and delete). */
const MAX_LOOKUP_MS = (PROFILE_REQUESTS_QUEUE.visibilityTimeoutSeconds - 5) * 1000;
/** SQS's own limit for a message's delay (15 minutes). */
const MAX_DELAY_SECONDS = 900;

/**
 * Consumes the request queues of the shards this process holds (and any other queue given a
 * handler, such as warm-ups). A request is deleted once answered; one that failed unexpectedly
 * stays, comes back after its visibility timeout and, after a bounded number of receives, moves
 * to the dead-letter queue.
 */
export class SessionWorker {
  readonly #options: SessionWorkerOptions;
  readonly #now: () => number;
  readonly #consumer: SqsQueueConsumer;

  constructor(options: SessionWorkerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#consumer = new SqsQueueConsumer({
      sqs: options.sqs,
      logger: options.logger,
      maxInFlight: options.maxInFlight,
    });
  }

  /** Starts consuming a request queue (idempotent). */
  consume(queueUrl: string): void {
    this.#consumer.consume(queueUrl, (url, message) => this.#process(url, message));
  }

  /** Starts consuming another queue with its own handler, sharing the in-flight limit. */
  consumeWith(queueUrl: string, handleMessage: MessageHandler): void {
    this.#consumer.consume(queueUrl, handleMessage);
  }

  /** Deletes a handled message of a queue consumed with `consumeWith`. */
  delete(queueUrl: string, message: Message): Promise<void> {
    return this.#consumer.delete(queueUrl, message);
  }

  /** Stops consuming a queue after its current poll, e.g. when its shard's lease is lost. */
  stopConsuming(queueUrl: string): Promise<void> {
    return this.#consumer.stopConsuming(queueUrl);
  }

  /** Stops every loop and waits for requests in flight to finish. */
  stop(): Promise<void> {
    return this.#consumer.stop();
  }

  async #process(queueUrl: string, message: Message): Promise<void> {
    const { logger } = this.#options;
    const request = parseRequest(message.Body);
    if (!request) {
      // Left on the queue: after its last receive it moves to the dead-letter queue intact.
      logger.error('unreadable request message; leaving it for the dead-letter queue', {
        messageId: message.MessageId,
        receiveCount: message.Attributes?.ApproximateReceiveCount,
      });
      return;
    }
    const context = {
      correlationId: request.correlationId,
      tenantId: request.tenantId,
      contact:
        request.contact.kind === 'jid'
          ? maskJid(request.contact.jid)
          : maskDigits(request.contact.digits),
    };
    const now = this.#now();
    if (now > request.deadline + this.#options.lateRequestMaxAgeMs) {
      logger.info('dropping a request long past its deadline', context);
      await this.#consumer.delete(queueUrl, message);
      return;
    }
    // Past its deadline the request still warms the cache, within the same budget of time, but
    // never past its visibility timeout: a longer lookup would be redelivered while it runs.
    const budgetMs = Math.min(
      Math.max(request.deadline - now, 0) + this.#options.lateRequestMaxAgeMs,
      MAX_LOOKUP_MS,
    );
    const outcome = await this.#options.handleProfileRequest(
      request,
      AbortSignal.timeout(budgetMs),
    );
    try {
      if (request.replyQueueUrl && this.#now() <= request.deadline) {
        await this.#sendReply(request.replyQueueUrl, sqsMessageBody(outcome.reply), request);
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
      return;
    }
    const reply = outcome.reply;
    if (!request.replyQueueUrl && !reply.ok && reply.errorCode === 'RATE_LIMITED') {
      // A warm-up waits for the session's budget instead of being lost. It goes back as a new,
      // delayed message (a visibility change would count towards the dead-letter redrive); its
      // own deadline still bounds how long it keeps coming back.
      try {
        await this.#options.sqs.send(
          new SendMessageCommand({
            QueueUrl: queueUrl,
            MessageBody: asciiOnlyJson(message.Body ?? ''),
            DelaySeconds: Math.min(MAX_DELAY_SECONDS, Math.ceil(reply.retryAfterSeconds ?? 60)),
          }),
        );
        await this.#consumer.delete(queueUrl, message);
      } catch (error) {
        logger.warn('could not postpone a warm-up', { ...context, error: error as Error });
      }
      return;
    }
    logger.info('profile request answered', {
      ...context,
      ok: outcome.reply.ok,
      ...(outcome.reply.ok ? {} : { errorCode: outcome.reply.errorCode }),
    });
    await this.#consumer.delete(queueUrl, message);
  }

  /**
   * Sends a reply. SQS documents that a new queue may not be usable for about a second after
   * CreateQueue; the caller creates its reply queue on its first live lookup, so a reply that
   * meets QueueDoesNotExist is retried until the request's deadline instead of being lost.
   */
  async #sendReply(queueUrl: string, body: string, request: ProfileRequestMessage): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#options.sqs.send(
          new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }),
        );
        return;
      } catch (error) {
        const pauseMs = Math.min(50 * 2 ** attempt, 500);
        if (!(error instanceof QueueDoesNotExist) || this.#now() + pauseMs > request.deadline) {
          throw error;
        }
        await sleep(pauseMs);
      }
    }
  }
}

function parseRequest(body: string | undefined): ProfileRequestMessage | null {
  try {
    const parsed = profileRequestMessageSchema.safeParse(JSON.parse(body ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
