import { CreateQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqsClient } from '../../../functions/platform/aws-clients.ts';
import { SqsReplyQueueRegistry } from '../../../functions/reply-queue-sweeper/sqs-reply-queue-registry.ts';
import { sweepIdleReplyQueues } from '../../../functions/reply-queue-sweeper/sweep-idle-reply-queues.ts';
import { readSweeperConfig } from '../../../functions/reply-queue-sweeper/sweeper-config.ts';
import { wireSweeperHandler } from '../../../functions/reply-queue-sweeper/wire-sweeper-handler.ts';
import {
  REPLY_QUEUE_ATTRIBUTES,
  REPLY_QUEUE_TAGS,
} from '../../../functions/resources/queue-definitions.ts';

const HOUR_MS = 3600_000;
const IDLE_SECONDS = 3600;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

describe('SqsReplyQueueRegistry, swept and run as the sweeper Lambda (against fauxqs)', () => {
  let server: FauxqsServer;
  let sqs: SQSClient;
  let prefixCounter = 0;

  beforeAll(async () => {
    server = await startFauxqs({ port: 0, logger: false });
    sqs = new SQSClient({ region: 'us-east-1', credentials, endpoint: server.address });
  });

  afterAll(async () => {
    sqs.destroy();
    await server.stop();
  });

  /** A fresh deployment prefix per test, so tests never see each other's queues. */
  function newPrefix(): string {
    prefixCounter += 1;
    return `Sweep${prefixCounter}-Api-reply-`;
  }

  /** Creates a reply queue the way the profile function does, optionally with a last-used tag. */
  async function createReplyQueue(name: string, lastUsedAt?: string): Promise<string> {
    const created = await sqs.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: { ...REPLY_QUEUE_ATTRIBUTES },
        tags: {
          purpose: REPLY_QUEUE_TAGS.purpose,
          ...(lastUsedAt ? { [REPLY_QUEUE_TAGS.lastUsedAtTag]: lastUsedAt } : {}),
        },
      }),
    );
    return created.QueueUrl as string;
  }

  async function queueNames(prefix: string): Promise<string[]> {
    const listed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }));
    return (listed.QueueUrls ?? []).map((url) => url.slice(url.lastIndexOf('/') + 1)).sort();
  }

  it('deletes reply queues last used before the idle limit and keeps the recently used ones', async () => {
    const prefix = newPrefix();
    const now = new Date();
    await createReplyQueue(`${prefix}idle`, new Date(now.getTime() - 2 * HOUR_MS).toISOString());
    await createReplyQueue(`${prefix}recent`, new Date(now.getTime() - 10 * 60_000).toISOString());

    const result = await sweepIdleReplyQueues({
      registry: new SqsReplyQueueRegistry({ sqs, namePrefix: prefix }),
      idleSeconds: IDLE_SECONDS,
      now,
    });

    expect(result).toEqual({ examined: 2, deleted: [`${prefix}idle`] });
    expect(await queueNames(prefix)).toEqual([`${prefix}recent`]);
  });

  it('falls back to the creation time when the last-used tag is missing or not a date', async () => {
    const prefix = newPrefix();
    await createReplyQueue(`${prefix}untagged`);
    await createReplyQueue(`${prefix}garbled`, 'not-a-date');
    const registry = new SqsReplyQueueRegistry({ sqs, namePrefix: prefix });

    const justCreated = await sweepIdleReplyQueues({
      registry,
      idleSeconds: IDLE_SECONDS,
      now: new Date(),
    });
    expect(justCreated.deleted).toEqual([]);

    const twoHoursLater = await sweepIdleReplyQueues({
      registry,
      idleSeconds: IDLE_SECONDS,
      now: new Date(Date.now() + 2 * HOUR_MS),
    });
    expect(twoHoursLater.deleted.sort()).toEqual([`${prefix}garbled`, `${prefix}untagged`]);
    expect(await queueNames(prefix)).toEqual([]);
  });

  it('never touches queues outside its prefix, however idle', async () => {
    const prefix = newPrefix();
    const old = new Date(Date.now() - 48 * HOUR_MS).toISOString();
    await createReplyQueue(`Other-${prefix}idle`, old);
    await createReplyQueue(`${prefix.slice(0, -1)}_idle`, old);
    await createReplyQueue(`${prefix}idle`, old);

    const result = await sweepIdleReplyQueues({
      registry: new SqsReplyQueueRegistry({ sqs, namePrefix: prefix }),
      idleSeconds: IDLE_SECONDS,
      now: new Date(),
    });

    expect(result.deleted).toEqual([`${prefix}idle`]);
    expect(await queueNames(`Other-${prefix}`)).toEqual([`Other-${prefix}idle`]);
    expect(await queueNames(prefix.slice(0, -1))).toEqual([`${prefix.slice(0, -1)}_idle`]);
  });

  it('follows the listing across pages', async () => {
    const prefix = newPrefix();
    const old = new Date(Date.now() - 3 * HOUR_MS).toISOString();
    for (const index of [1, 2, 3, 4, 5]) await createReplyQueue(`${prefix}q${index}`, old);

    const result = await sweepIdleReplyQueues({
      registry: new SqsReplyQueueRegistry({ sqs, namePrefix: prefix, pageSize: 2 }),
      idleSeconds: IDLE_SECONDS,
      now: new Date(),
    });

    expect(result.examined).toBe(5);
    expect(result.deleted).toHaveLength(5);
    expect(await queueNames(prefix)).toEqual([]);
  });

  it('runs as the Lambda handler built from the configuration its environment gives', async () => {
    // prepare
    const prefix = newPrefix();
    await createReplyQueue(`${prefix}idle`, new Date(Date.now() - 2 * HOUR_MS).toISOString());
    await createReplyQueue(`${prefix}recent`, new Date().toISOString());
    const config = readSweeperConfig({
      REPLY_QUEUE_NAME_PREFIX: prefix,
      REPLY_QUEUE_IDLE_SECONDS: String(IDLE_SECONDS),
    });
    const functionSqs = createSqsClient({
      endpoint: server.address,
      region: 'us-east-1',
      credentials,
    });
    const handler = wireSweeperHandler(config, { sqs: functionSqs });

    // act
    const result = await handler({} as ScheduledEvent, {} as Context);

    // assert
    expect(result).toEqual({ examined: 2, deleted: [`${prefix}idle`] });
    expect(await queueNames(prefix)).toEqual([`${prefix}recent`]);
    functionSqs.destroy();
  });

  it('refuses to start without its reply-queue prefix, naming the variable', () => {
    expect(() => readSweeperConfig({ REPLY_QUEUE_IDLE_SECONDS: '3600' })).toThrow(
      'Configuration error: REPLY_QUEUE_NAME_PREFIX is not set',
    );
  });
});
