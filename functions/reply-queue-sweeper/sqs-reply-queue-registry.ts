import {
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  QueueDoesNotExist,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { REPLY_QUEUE_TAGS } from '../resources/queue-definitions.ts';
import type { ListedReplyQueue, ReplyQueueRegistry } from './reply-queue-registry.ts';

/** SQS returns at most 1000 queue URLs per ListQueues page. */
const MAX_LIST_PAGE_SIZE = 1000;

/** Reply queues found through ListQueues with the deployment's name prefix. */
export class SqsReplyQueueRegistry implements ReplyQueueRegistry {
  readonly #sqs: SQSClient;
  readonly #namePrefix: string;
  readonly #pageSize: number;

  constructor(options: { sqs: SQSClient; namePrefix: string; pageSize?: number }) {
    if (!options.namePrefix) throw new Error('a reply queue name prefix is required');
    this.#sqs = options.sqs;
    this.#namePrefix = options.namePrefix;
    this.#pageSize = options.pageSize ?? MAX_LIST_PAGE_SIZE;
  }

  async *listReplyQueues(): AsyncIterable<ListedReplyQueue> {
    let nextToken: string | undefined;
    do {
      const page = await this.#sqs.send(
        new ListQueuesCommand({
          QueueNamePrefix: this.#namePrefix,
          MaxResults: this.#pageSize,
          NextToken: nextToken,
        }),
      );
      for (const url of page.QueueUrls ?? []) {
        const queue = await this.#describe(url);
        if (queue) yield queue;
      }
      nextToken = page.NextToken;
    } while (nextToken);
  }

  async deleteReplyQueue(url: string): Promise<void> {
    try {
      await this.#sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    } catch (error) {
      if (!(error instanceof QueueDoesNotExist)) throw error;
    }
  }

  /** Null when the queue disappeared between the listing and this read. */
  async #describe(url: string): Promise<ListedReplyQueue | null> {
    try {
      const tags = await this.#sqs.send(new ListQueueTagsCommand({ QueueUrl: url }));
      const name = queueNameOf(url);
      const tagged = parseIsoDate(tags.Tags?.[REPLY_QUEUE_TAGS.lastUsedAtTag]);
      if (tagged) return { url, name, lastUsedAt: tagged };
      const attributes = await this.#sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['CreatedTimestamp'] }),
      );
      const createdSeconds = Number(attributes.Attributes?.CreatedTimestamp);
      if (!Number.isFinite(createdSeconds)) {
        throw new Error(`queue ${name} has neither a last-used tag nor a creation time`);
      }
      return { url, name, lastUsedAt: new Date(createdSeconds * 1000) };
    } catch (error) {
      if (error instanceof QueueDoesNotExist) return null;
      throw error;
    }
  }
}

function queueNameOf(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

function parseIsoDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
