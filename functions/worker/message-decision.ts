import type { Message } from '@aws-sdk/client-sqs';

/**
 * What a message handler decided about its message; the queue consumer carries it out.
 * - `ack`: handled (or not worth handling): deleted.
 * - `leave`: left on the queue: it comes back after its visibility timeout and, after its
 *   queue's last receive, moves intact to the dead-letter queue.
 * - `retry`: not now: sent again as a new message delayed by `afterSeconds` (capped at SQS's
 *   15 minutes), then deleted. A new message, not a visibility change, so waiting never counts
 *   towards the dead-letter redrive.
 */
export type MessageDecision =
  | { kind: 'ack' }
  | { kind: 'leave' }
  | { kind: 'retry'; afterSeconds: number };

export const ACK: MessageDecision = { kind: 'ack' };
export const LEAVE: MessageDecision = { kind: 'leave' };

/** Handles one message of a queue; throwing counts as `leave`. */
export type MessageHandler = (message: Message) => Promise<MessageDecision>;
