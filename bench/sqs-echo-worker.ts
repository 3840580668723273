import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { createSqsClient } from '../functions/platform/aws-clients.ts';

/**
 * A worker that does nothing but answer: long-polls the queue it is given and sends each body
 * back to the `replyQueueUrl` inside it, then deletes the request, as the session worker does.
 * Timing a round trip through it gives the cost of crossing processes over SQS alone.
 */
const [queueUrl] = process.argv.slice(2);
if (!queueUrl) throw new Error('usage: sqs-echo-worker.ts <queue-url>');
const sqs = createSqsClient();
process.on('disconnect', () => process.exit(0));
process.send?.('ready');
for (;;) {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5, MaxNumberOfMessages: 10 }),
  );
  for (const message of Messages) {
    const { replyQueueUrl } = JSON.parse(message.Body ?? '{}') as { replyQueueUrl: string };
    await sqs.send(new SendMessageCommand({ QueueUrl: replyQueueUrl, MessageBody: message.Body }));
    await sqs.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
    );
  }
}
