import type { Logger } from '@aws-lambda-powertools/logger';
import type { Message } from '@aws-sdk/client-sqs';
import { warmupMessageSchema } from '../contracts/warmup-messages.ts';
import type { DispatchWarmups } from './dispatch-warmups.ts';

/**
 * Handles one message of the warm-up queue. A malformed message is left on the queue: after
 * its last receive it moves, intact, to the warm-up dead-letter queue for diagnosis.
 */
export function createWarmupMessageHandler(dependencies: {
  dispatchWarmups: DispatchWarmups;
  deleteMessage: (queueUrl: string, message: Message) => Promise<void>;
  logger: Logger;
}) {
  return async function handleWarmupMessage(queueUrl: string, message: Message): Promise<void> {
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
      return;
    }
    const outcome = await dependencies.dispatchWarmups(parsed.data);
    dependencies.logger.info('warm-up dispatched', {
      messageId: message.MessageId,
      tenantId: parsed.data.tenantId,
      ...outcome,
    });
    await dependencies.deleteMessage(queueUrl, message);
  };
}
