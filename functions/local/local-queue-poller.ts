import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export interface LocalQueuePoller {
  stop(): Promise<void>;
}

/**
 * What Lambda's SQS event source mapping does, for the local stack: long-polls the queue,
 * hands each batch to the function as an SQS event, and deletes the messages the function did
 * not report as failed (partial batch responses). A failed message stays on the queue, and
 * comes back once its visibility timeout (the function may have changed it) runs out.
 */
export function startLocalQueuePoller(options: {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
  onError?: (error: unknown) => void;
}): LocalQueuePoller {
  let stopping = false;
  const abort = new AbortController();
  const loop = (async () => {
    while (!stopping) {
      try {
        const received = await options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
          }),
          { abortSignal: abort.signal },
        );
        const records = (received.Messages ?? []).map((message) => toRecord(message, options));
        if (records.length === 0) continue;
        const result = await options.handler({ Records: records });
        const failed = new Set(result.batchItemFailures.map((failure) => failure.itemIdentifier));
        const done = records.filter((record) => !failed.has(record.messageId));
        if (done.length > 0) {
          await options.sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: options.queueUrl,
              Entries: done.map((record, index) => ({
                Id: String(index),
                ReceiptHandle: record.receiptHandle,
              })),
            }),
          );
        }
      } catch (error) {
        if (stopping) break;
        options.onError?.(error);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  })();
  return {
    async stop() {
      stopping = true;
      abort.abort();
      await loop;
    },
  };
}

function toRecord(
  message: {
    MessageId?: string;
    ReceiptHandle?: string;
    Body?: string;
    Attributes?: Record<string, string>;
  },
  options: { queueArn: string },
): SQSRecord {
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
      SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: options.queueArn,
    awsRegion: 'us-east-1',
  };
}
