import type { Logger } from '@aws-lambda-powertools/logger';
import {
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { asciiOnlyJson } from '../platform/sqs-message-body.ts';
import type { MessageDecision, MessageHandler } from './message-decision.ts';

/**
 * Short enough that stopping waits little: a stopping consumer lets its current poll finish and
 * handles what it returns, because an aborted long poll may still have taken messages off the
 * queue, which would then stay invisible until their visibility timeout.
 */
const LONG_POLL_SECONDS = 5;
const RECEIVE_RETRY_DELAY_MS = 1_000;
/** SQS's own limit for a message's delay (15 minutes). */
const MAX_DELAY_SECONDS = 900;

/**
 * Long-polls SQS queues, one loop per queue, and runs their messages concurrently up to
 * `maxInFlight` across all queues. Each handler returns a decision about its message (delete,
 * leave, retry later) and the consumer carries it out.
 */
export class SqsQueueConsumer {
  readonly #sqs: SQSClient;
  readonly #logger: Logger;
  readonly #maxInFlight: number;
  readonly #loops = new Map<string, { stop: AbortController; done: Promise<void> }>();
  readonly #inFlight = new Set<Promise<void>>();
  /** The same messages by queue, so one queue can be drained while the others run on. */
  readonly #inFlightByQueue = new Map<string, Set<Promise<void>>>();

  constructor(options: { sqs: SQSClient; logger: Logger; maxInFlight: number }) {
    this.#sqs = options.sqs;
    this.#logger = options.logger;
    this.#maxInFlight = options.maxInFlight;
  }

  /** Starts consuming a queue (idempotent). */
  consume(queueUrl: string, handleMessage: MessageHandler): void {
    if (this.#loops.has(queueUrl)) return;
    const stop = new AbortController();
    const done = this.#pollLoop(queueUrl, handleMessage, stop.signal);
    this.#loops.set(queueUrl, { stop, done });
  }

  /**
   * Stops consuming a queue after its current poll; with `drain`, also waits until the messages
   * it took are handled (a shard handed over keeps its sockets until then).
   */
  async stopConsuming(queueUrl: string, options: { drain?: boolean } = {}): Promise<void> {
    const loop = this.#loops.get(queueUrl);
    if (loop) {
      this.#loops.delete(queueUrl);
      loop.stop.abort();
      await loop.done;
    }
    if (options.drain) await Promise.allSettled([...(this.#inFlightByQueue.get(queueUrl) ?? [])]);
  }

  /** Stops every loop and waits for messages in flight to finish. */
  async stop(): Promise<void> {
    await Promise.all([...this.#loops.keys()].map((url) => this.stopConsuming(url)));
    await Promise.allSettled([...this.#inFlight]);
  }

  /** Deletes a handled message; a failure only means it comes back and is handled again. */
  async #delete(queueUrl: string, message: Message): Promise<void> {
    await this.#sqs
      .send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }))
      .catch((error: unknown) =>
        this.#logger.warn('could not delete a handled message', { error: error as Error }),
      );
  }

  async #carryOut(queueUrl: string, message: Message, decision: MessageDecision): Promise<void> {
    switch (decision.kind) {
      case 'ack':
        await this.#delete(queueUrl, message);
        return;
      case 'leave':
        return;
      case 'retry':
        try {
          await this.#sqs.send(
            new SendMessageCommand({
              QueueUrl: queueUrl,
              // A body received from a sender before bodies were ASCII-only goes back ASCII-only.
              MessageBody: asciiOnlyJson(message.Body ?? ''),
              DelaySeconds: Math.min(MAX_DELAY_SECONDS, Math.ceil(decision.afterSeconds)),
            }),
          );
        } catch (error) {
          // Not re-sent: the original stays and comes back after its visibility timeout.
          this.#logger.warn('could not postpone a message', {
            messageId: message.MessageId,
            error: error as Error,
          });
          return;
        }
        await this.#delete(queueUrl, message);
        return;
    }
  }

  async #pollLoop(
    queueUrl: string,
    handleMessage: MessageHandler,
    stopped: AbortSignal,
  ): Promise<void> {
    while (!stopped.aborted) {
      while (this.#inFlight.size >= this.#maxInFlight) {
        await Promise.race(this.#inFlight);
      }
      let messages: Message[];
      try {
        const result = await this.#sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: Math.min(10, this.#maxInFlight - this.#inFlight.size),
            WaitTimeSeconds: LONG_POLL_SECONDS,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          }),
        );
        messages = result.Messages ?? [];
      } catch (error) {
        if (stopped.aborted) return;
        this.#logger.warn('receive failed; retrying', { error: error as Error });
        await new Promise((resolve) => setTimeout(resolve, RECEIVE_RETRY_DELAY_MS));
        continue;
      }
      let queueInFlight = this.#inFlightByQueue.get(queueUrl);
      if (!queueInFlight) {
        queueInFlight = new Set();
        this.#inFlightByQueue.set(queueUrl, queueInFlight);
      }
      for (const message of messages) {
        const task: Promise<void> = handleMessage(message)
          .then((decision) => this.#carryOut(queueUrl, message, decision))
          .catch((error: unknown) =>
            this.#logger.error('message handling crashed', { error: error as Error }),
          )
          .finally(() => {
            this.#inFlight.delete(task);
            queueInFlight.delete(task);
          });
        this.#inFlight.add(task);
        queueInFlight.add(task);
      }
    }
  }
}
