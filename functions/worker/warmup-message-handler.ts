import type { Logger } from '@aws-lambda-powertools/logger';
import type { Message } from '@aws-sdk/client-sqs';
import { warmupMessageSchema } from '../contracts/warmup-messages.ts';
import { maskIdentifier } from '../platform/mask-personal-data.ts';
import type { DispatchWarmups } from './dispatch-warmups.ts';
import { ACK, LEAVE, type MessageDecision, type MessageHandler } from './message-decision.ts';

/**
 * Handles one message of the warm-up queue: `ack` once its requests are dispatched. A malformed
 * message is left on the queue: after its last receive it moves, intact, to the warm-up
 * dead-letter queue for diagnosis.
 */
export function createWarmupMessageHandler(dependencies: {
  dispatchWarmups: DispatchWarmups;
  logger: Logger;
}): MessageHandler {
  return async function handleWarmupMessage(message: Message): Promise<MessageDecision> {
    let body: unknown;
    try {
      body = JSON.parse(message.Body ?? '');
    } catch {
      body = undefined;
    }
    const parsed = warmupMessageSchema.safeParse(body);
    if (!parsed.success) {
      dependencies.logger.error('malformed warm-up message; leaving it for the dead-letter queue', {
        messageId: message.MessageId,
        receiveCount: message.Attributes?.ApproximateReceiveCount,
        problem: parsed.error.issues[0]?.message,
      });
      return LEAVE;
    }
    const outcome = await dependencies.dispatchWarmups(parsed.data);
    if (outcome.dropped) {
      dependencies.logger.warn('warm-up dropped: its session is not paired', {
        messageId: message.MessageId,
        tenantId: maskIdentifier(parsed.data.tenantId),
        userId: maskIdentifier(parsed.data.userId),
      });
      return ACK;
    }
    dependencies.logger.info('warm-up dispatched', {
      messageId: message.MessageId,
      tenantId: parsed.data.tenantId,
      ...outcome,
    });
    return ACK;
  };
}
