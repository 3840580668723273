import type { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

/** An SQS client that records each message sent (its queue and parsed body) and sends nothing. */
export function recordingSqs<Reply = unknown>() {
  const replies: Array<{ queueUrl: string | undefined; reply: Reply }> = [];
  const sqs = {
    async send(command: SendMessageCommand) {
      replies.push({
        queueUrl: command.input.QueueUrl,
        reply: JSON.parse(command.input.MessageBody ?? ''),
      });
      return {};
    },
  } as unknown as SQSClient;
  return { sqs, replies };
}
