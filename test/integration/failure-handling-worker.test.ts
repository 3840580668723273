import type { Logger } from '@aws-lambda-powertools/logger';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsWorkerClient } from '../../functions/adapters/worker-client/sqs-worker-client.ts';
import { createGetContactProfile } from '../../functions/contacts/get-profile/get-contact-profile.ts';
import { createGetProfileRoute } from '../../functions/contacts/get-profile/get-profile-route.ts';
import { profileRequestMessageSchema } from '../../functions/contracts/shard-messages.ts';
import type { ContactProfile } from '../../functions/domain/contact/contact-profile.ts';
import type { ContactQuery } from '../../functions/domain/contact/contact-query.ts';
import { localLambdaContext } from '../../functions/local/lambda-context.ts';
import type { WhatsAppDirectory } from '../../functions/ports/whatsapp-directory.ts';
import { PROFILE_REQUESTS_QUEUE } from '../../functions/resources/queue-definitions.ts';
import { createHandleProfileRequest } from '../../functions/worker/handle-profile-request.ts';
import { createShardMessageHandler } from '../../functions/worker/shard-message-handler.ts';
import { SqsQueueConsumer } from '../../functions/worker/sqs-queue-consumer.ts';
import { profileCacheOn } from '../support/aws/cache-tables.ts';
import { type EmbeddedAws, startEmbeddedAws } from '../support/aws/embedded-aws.ts';
import { plainProfile } from '../support/contacts/seed-profile.ts';
import { isErrorEnvelope } from '../support/http/api-client.ts';
import { proxyEvent } from '../support/lambda/api-gateway-events.ts';
import { unusedDirectoryMethods } from '../support/unused-directory-methods.ts';

/**
 * Failure handling of the live path, against dynalite and fauxqs: real request queues (with a
 * short visibility timeout so redelivery happens within a test), real reply queues, the real
 * queue consumer, request message handler and profile handler; only the WhatsApp directory port is a test double.
 */

const identity = { tenantId: 'acme', userId: 'alice' };
const VISIBILITY_TIMEOUT_SECONDS = 1;

function profileOf(jid: string): ContactProfile {
  return plainProfile(jid, `status of ${jid}`);
}

function jidOf(contact: ContactQuery): string {
  return contact.kind === 'jid' ? contact.jid : `${contact.digits}@s.whatsapp.net`;
}

/** A directory port that counts lookups and behaves as each test needs. */
function directory(behaviour: (contact: ContactQuery) => Promise<ContactProfile>) {
  const calls: ContactQuery[] = [];
  const port: WhatsAppDirectory = {
    ...unusedDirectoryMethods,
    lookup: async (_identity, contact) => {
      calls.push(contact);
      return behaviour(contact);
    },
  };
  return { port, calls };
}

const answering = () => directory(async (contact) => profileOf(jidOf(contact)));
/** A lookup that never finishes: the worker holding it is as good as dead. */
const hanging = () => directory(() => new Promise<never>(() => undefined));
const broken = () =>
  directory(async () => {
    throw new Error('socket hang up while talking to 10.0.0.7:5222');
  });

interface LogEntry {
  level: string;
  message: string;
  attributes: Record<string, unknown>;
}

/** A logger that records what the worker logs, so a test can check the diagnosis it leaves. */
function capturingLogger() {
  const entries: LogEntry[] = [];
  const record =
    (level: string) =>
    (message: string, attributes: Record<string, unknown> = {}) =>
      entries.push({ level, message, attributes });
  const logger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  } as unknown as Logger;
  return { logger, entries };
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('failure handling of the live path (worker, SQS, DynamoDB)', () => {
  let aws: EmbeddedAws;
  let queueCounter = 0;
  const workers: SqsQueueConsumer[] = [];
  const clients: SQSClient[] = [];

  beforeAll(async () => {
    aws = await startEmbeddedAws();
  });

  afterAll(async () => {
    // stop() aborts every poll loop at once; it is not awaited because the lookups of the
    // "killed" workers hang forever by design.
    for (const worker of workers) void worker.stop();
    for (const client of clients) client.destroy();
    await aws?.stop();
  });

  function newSqsClient(): SQSClient {
    const client = new SQSClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      endpoint: aws.endpoints.sqsEndpoint,
      useQueueUrlAsEndpoint: false,
    });
    clients.push(client);
    return client;
  }

  /** A request queue as prod defines it (same receive limit), with a short visibility timeout. */
  async function requestQueue(
    visibilityTimeoutSeconds = VISIBILITY_TIMEOUT_SECONDS,
  ): Promise<{ queueUrl: string; deadLetterQueueUrl: string }> {
    queueCounter += 1;
    const dlq = await aws.sqs.send(
      new CreateQueueCommand({ QueueName: `FailureDlq${queueCounter}` }),
    );
    const dlqArn = await aws.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const queue = await aws.sqs.send(
      new CreateQueueCommand({
        QueueName: `FailureRequests${queueCounter}`,
        Attributes: {
          VisibilityTimeout: String(visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: dlqArn.Attributes?.QueueArn,
            maxReceiveCount: PROFILE_REQUESTS_QUEUE.maxReceiveCount,
          }),
        },
      }),
    );
    return { queueUrl: queue.QueueUrl as string, deadLetterQueueUrl: dlq.QueueUrl as string };
  }

  function cache(retentionSeconds = 3600) {
    return profileCacheOn(aws, retentionSeconds);
  }

  function startWorker(
    queueUrl: string,
    port: WhatsAppDirectory,
    options: { sqs?: SQSClient; logger?: Logger; lateRequestMaxAgeMs?: number } = {},
  ): SqsQueueConsumer {
    const sqs = options.sqs ?? aws.sqs;
    const logger = options.logger ?? capturingLogger().logger;
    const worker = new SqsQueueConsumer({ sqs, logger, maxInFlight: 4 });
    worker.consume(
      queueUrl,
      createShardMessageHandler({
        sqs,
        // One shard; its tests use reply queues of several prefixes (the boundary's own tests
        // are in test/unit/worker/shard-message-boundary.test.ts).
        source: { shard: 0, carries: 'lookups' },
        boundary: { shardCount: 1, isReplyQueue: () => true },
        logger,
        lateRequestMaxAgeMs: options.lateRequestMaxAgeMs ?? 60_000,
        handleProfileRequest: createHandleProfileRequest({ directory: port, cache: cache() }),
      }),
    );
    workers.push(worker);
    return worker;
  }

  /** "Kills" a worker: its loop is aborted and its SQS connections cut, mid-lookup. */
  function kill(worker: SqsQueueConsumer, queueUrl: string, sqs: SQSClient): void {
    void worker.stopConsuming(queueUrl);
    sqs.destroy();
  }

  function profileHandler(
    queueUrl: string,
    replyPrefix: string,
    liveLookupDeadlineMs: number,
    freshness: { freshSeconds: number; staleFallbackAfterMs: number } = {
      freshSeconds: 3600,
      staleFallbackAfterMs: liveLookupDeadlineMs,
    },
  ) {
    const ignoredReplies: string[] = [];
    const handler = createGetProfileRoute({
      getContactProfile: createGetContactProfile({
        cache: cache(0),
        workerClient: new SqsWorkerClient({
          sqs: aws.sqs,
          presence: { isShardServed: async () => true },
          requestQueueUrls: [queueUrl],
          replyQueueNamePrefix: replyPrefix,
          onIgnoredReply: (correlationId) => ignoredReplies.push(correlationId),
        }),
        freshSeconds: freshness.freshSeconds,
        staleFallbackAfterMs: freshness.staleFallbackAfterMs,
      }),
      logger: capturingLogger().logger,
      freshSeconds: freshness.freshSeconds,
      liveLookupDeadlineMs,
    });
    const get = async (jid: string) =>
      (await handler(
        proxyEvent({
          query: { jid },
          authorizer: { tenantId: identity.tenantId, userId: identity.userId },
        }),
        localLambdaContext('profile', 29_000),
      )) as APIGatewayProxyResult;
    return { get, ignoredReplies };
  }

  async function queueDepth(queueUrl: string): Promise<number> {
    const result = await aws.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(result.Attributes?.ApproximateNumberOfMessages ?? 0) +
      Number(result.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
    );
  }

  async function replyQueueUrl(prefix: string): Promise<string> {
    const listed = await aws.sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }));
    const url = listed.QueueUrls?.[0];
    if (!url) throw new Error(`no reply queue under ${prefix}`);
    return url;
  }

  it('redelivers a request whose worker died mid-lookup, and another worker answers it in time', async () => {
    const { queueUrl } = await requestQueue();
    const dying = hanging();
    const dyingSqs = newSqsClient();
    const dyingWorker = startWorker(queueUrl, dying.port, { sqs: dyingSqs });
    const api = profileHandler(queueUrl, 'fh-redeliver-', 8_000);
    const jid = '5511911110001@s.whatsapp.net';

    const started = Date.now();
    const pending = api.get(jid);
    await waitFor(() => dying.calls.length === 1);
    kill(dyingWorker, queueUrl, dyingSqs);
    const healthy = answering();
    startWorker(queueUrl, healthy.port);
    const response = await pending;

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).data.jid).toBe(jid);
    expect(response.headers?.['X-Cache']).toBe('MISS');
    // Answered only after the message came back from its visibility timeout.
    expect(Date.now() - started).toBeGreaterThanOrEqual(VISIBILITY_TIMEOUT_SECONDS * 1000);
    expect(dying.calls).toHaveLength(1);
    expect(healthy.calls).toEqual([{ kind: 'jid', jid }]);
    await waitFor(async () => (await queueDepth(queueUrl)) === 0);
  });

  it('answers 504 when the worker dies and nobody takes over in time; the request is drained later and warms the cache', async () => {
    const { queueUrl } = await requestQueue();
    const dying = hanging();
    const dyingSqs = newSqsClient();
    const dyingWorker = startWorker(queueUrl, dying.port, { sqs: dyingSqs });
    const api = profileHandler(queueUrl, 'fh-orphan-', 1_500);
    const jid = '5511911110002@s.whatsapp.net';

    const pending = api.get(jid);
    await waitFor(() => dying.calls.length === 1);
    kill(dyingWorker, queueUrl, dyingSqs);
    const timedOut = await pending;
    const successor = answering();
    startWorker(queueUrl, successor.port);
    await waitFor(async () => (await queueDepth(queueUrl)) === 0);
    const afterwards = await api.get(jid);
    const strayReplies = await aws.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: await replyQueueUrl('fh-orphan-'),
        WaitTimeSeconds: 0,
      }),
    );

    expect(timedOut.statusCode).toBe(504);
    expect(isErrorEnvelope(JSON.parse(timedOut.body), 'UPSTREAM_TIMEOUT')).toBe(true);
    // The successor fetched the orphaned request past its deadline: cache warmed, no reply sent.
    expect(successor.calls).toEqual([{ kind: 'jid', jid }]);
    expect(strayReplies.Messages ?? []).toEqual([]);
    expect(afterwards.statusCode).toBe(200);
    expect(afterwards.headers?.['X-Cache']).toBe('HIT');
  });

  it('drops a redelivered request that is long past its deadline without fetching it', async () => {
    const { queueUrl } = await requestQueue();
    const { logger, entries } = capturingLogger();
    const successor = answering();
    await aws.sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify({
          kind: 'profile-lookup',
          version: 1,
          correlationId: 'long-gone',
          replyQueueUrl: `${queueUrl}-nobody-waits`,
          deadline: Date.now() - 120_000,
          tenantId: 'acme',
          userId: 'alice',
          contact: { kind: 'jid', jid: '5511911110003@s.whatsapp.net' },
          refresh: false,
        }),
      }),
    );

    startWorker(queueUrl, successor.port, { logger, lateRequestMaxAgeMs: 60_000 });
    await waitFor(async () => (await queueDepth(queueUrl)) === 0);

    expect(successor.calls).toEqual([]);
    expect(entries.map((entry) => entry.message)).toContain(
      'dropping a request long past its deadline',
    );
  });

  it('retries a request the worker cannot process a bounded number of times, then dead-letters it with its context', async () => {
    const { queueUrl, deadLetterQueueUrl } = await requestQueue();
    const failing = broken();
    const { logger, entries } = capturingLogger();
    startWorker(queueUrl, failing.port, { logger });
    const api = profileHandler(queueUrl, 'fh-poison-', 3_000);
    const jid = '5511911110004@s.whatsapp.net';

    const first = await api.get(jid);
    let deadLettered: { Body?: string } | undefined;
    await waitFor(async () => {
      const received = await aws.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: deadLetterQueueUrl, WaitTimeSeconds: 1 }),
      );
      deadLettered = received.Messages?.[0];
      return deadLettered !== undefined;
    }, 15_000);
    const request = profileRequestMessageSchema.parse(JSON.parse(deadLettered?.Body ?? ''));
    const failures = entries.filter(
      (entry) => entry.message === 'profile request failed; it will be retried',
    );

    // The caller got a clean 500 on the first attempt: no internals, no address.
    expect(first.statusCode).toBe(500);
    expect(isErrorEnvelope(JSON.parse(first.body), 'INTERNAL_ERROR')).toBe(true);
    expect(first.body).not.toContain('10.0.0.7');
    // Exactly maxReceiveCount attempts, then the dead-letter queue holds the request intact.
    expect(failing.calls).toHaveLength(PROFILE_REQUESTS_QUEUE.maxReceiveCount);
    expect(request).toMatchObject({ tenantId: 'acme', userId: 'alice', contact: { jid } });
    expect(await queueDepth(queueUrl)).toBe(0);
    // Each attempt was logged with what it takes to diagnose it, the contact masked.
    expect(failures).toHaveLength(PROFILE_REQUESTS_QUEUE.maxReceiveCount);
    expect(failures.map((entry) => entry.attributes.receiveCount)).toEqual(['1', '2', '3']);
    for (const failure of failures) {
      expect(failure.attributes).toMatchObject({
        correlationId: request.correlationId,
        tenantId: 'acme',
        contact: '55*********04@s.whatsapp.net',
      });
      expect(String(failure.attributes.error)).toContain('socket hang up');
    }
  });

  it('dead-letters an unreadable request message after the same bounded retries', async () => {
    const { queueUrl, deadLetterQueueUrl } = await requestQueue();
    const { logger, entries } = capturingLogger();
    const port = answering();
    await aws.sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"version":2,"garbage":true}' }),
    );

    startWorker(queueUrl, port.port, { logger });
    let body: string | undefined;
    await waitFor(async () => {
      const received = await aws.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: deadLetterQueueUrl, WaitTimeSeconds: 1 }),
      );
      body = received.Messages?.[0]?.Body;
      return body !== undefined;
    }, 15_000);

    expect(body).toBe('{"version":2,"garbage":true}');
    expect(port.calls).toEqual([]);
    expect(
      entries.filter((entry) => entry.message.startsWith('unreadable request message')),
    ).toHaveLength(PROFILE_REQUESTS_QUEUE.maxReceiveCount);
  });

  it('serves an entry past its freshness as STALE while the live fetch is slow, and the fetch refreshes it in the background', async () => {
    const { queueUrl } = await requestQueue(5);
    let version = 0;
    let delayMs = 0;
    const changing = directory(async (contact) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      version += 1;
      return {
        ...profileOf(jidOf(contact)),
        user_info: { ...profileOf(jidOf(contact)).user_info, Status: `v${version}` },
      };
    });
    startWorker(queueUrl, changing.port);
    const api = profileHandler(queueUrl, 'fh-stale-', 5_000, {
      freshSeconds: 1,
      staleFallbackAfterMs: 300,
    });
    const jid = '5511911110007@s.whatsapp.net';

    const first = await api.get(jid);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    delayMs = 1_000;
    const stale = await api.get(jid);
    await waitFor(() => version === 2);
    await waitFor(async () => (await queueDepth(queueUrl)) === 0);
    const refreshed = await api.get(jid);

    expect(first.headers?.['X-Cache']).toBe('MISS');
    expect(stale.statusCode).toBe(200);
    expect(stale.headers?.['X-Cache']).toBe('STALE');
    expect(stale.headers?.ETag).toBe(first.headers?.ETag);
    expect(stale.headers?.['Cache-Control']).toBe('private, max-age=0');
    expect(Number(stale.headers?.Age)).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(stale.body).data.user_info.Status).toBe('v1');
    expect(refreshed.headers?.['X-Cache']).toBe('HIT');
    expect(refreshed.headers?.ETag).not.toBe(first.headers?.ETag);
    expect(JSON.parse(refreshed.body).data.user_info.Status).toBe('v2');
  });

  it('keeps the newer profile when an older, slower fetch finishes last (newer-wins writes)', async () => {
    const writer = cache();
    const contact = { kind: 'jid' as const, jid: '5511911110008@s.whatsapp.net' };
    const newer = {
      ...profileOf(contact.jid),
      user_info: { ...profileOf(contact.jid).user_info, Status: 'newer' },
    };
    const older = {
      ...profileOf(contact.jid),
      user_info: { ...profileOf(contact.jid).user_info, Status: 'older' },
    };
    const now = Date.now();

    await writer.put(identity, contact, newer, now);
    await writer.put(identity, contact, older, now - 5_000);
    await Promise.all([
      writer.put(identity, contact, older, now - 1),
      writer.put(identity, contact, newer, now),
    ]);
    const stored = await writer.get(identity, contact);

    expect(JSON.parse(stored?.profileJson ?? '{}').user_info.Status).toBe('newer');
    expect(stored?.fetchedAt).toBe(now);
  });

  it('hands each of many concurrent waiters on one reply queue its own reply', async () => {
    const { queueUrl } = await requestQueue(5);
    const port = answering();
    startWorker(queueUrl, port.port);
    // One handler instance, as the local gateway runs it: concurrent misses share a reply queue.
    const api = profileHandler(queueUrl, 'fh-concurrent-', 5_000);
    const jids = Array.from(
      { length: 30 },
      (_, index) => `55119222${String(index).padStart(5, '0')}@lid`,
    );

    const responses = await Promise.all(jids.map((jid) => api.get(jid)));

    expect(responses.map((response) => response.statusCode)).toEqual(jids.map(() => 200));
    expect(responses.map((response) => JSON.parse(response.body).data.jid)).toEqual(jids);
    expect(responses.map((response) => response.headers?.['X-Cache'])).toEqual(
      jids.map(() => 'MISS'),
    );
    expect(api.ignoredReplies).toEqual([]);
  });

  it('drops replies that arrive after their deadline without harm, and the late fetch still warms the cache', async () => {
    // Visibility longer than the slow lookup, as in prod (30 s against a deadline of at most 25 s).
    const { queueUrl } = await requestQueue(5);
    const slowJid = '5511911110005@s.whatsapp.net';
    const late = directory(async (contact) => {
      if (jidOf(contact) === slowJid) await new Promise((resolve) => setTimeout(resolve, 1_500));
      return profileOf(jidOf(contact));
    });
    startWorker(queueUrl, late.port);
    const api = profileHandler(queueUrl, 'fh-late-', 1_000);

    const timedOut = await api.get(slowJid);
    await waitFor(async () => (await queueDepth(queueUrl)) === 0);
    // A reply for the timed-out request arriving now (as a slow SQS delivery would) sits on the
    // caller's reply queue, together with a message that is not a reply at all.
    const replyQueue = await replyQueueUrl('fh-late-');
    for (const body of [
      JSON.stringify({
        version: 1,
        correlationId: 'timed-out-request',
        ok: true,
        profile: profileOf('5511900000000@s.whatsapp.net'),
        fetchedAt: Date.now(),
      }),
      'not json at all',
    ]) {
      await aws.sqs.send(new SendMessageCommand({ QueueUrl: replyQueue, MessageBody: body }));
    }
    const cached = await api.get(slowJid);
    const otherJid = '5511911110006@s.whatsapp.net';
    const next = await api.get(otherJid);

    expect(timedOut.statusCode).toBe(504);
    expect(isErrorEnvelope(JSON.parse(timedOut.body), 'UPSTREAM_TIMEOUT')).toBe(true);
    expect(late.calls).toHaveLength(2);
    // The late fetch finished in the worker and warmed the cache.
    expect(cached.statusCode).toBe(200);
    expect(cached.headers?.['X-Cache']).toBe('HIT');
    expect(JSON.parse(cached.body).data.jid).toBe(slowJid);
    // The next miss on the same reply queue skipped the late messages and got its own answer.
    expect(next.statusCode).toBe(200);
    expect(next.headers?.['X-Cache']).toBe('MISS');
    expect(JSON.parse(next.body).data.jid).toBe(otherJid);
    expect(api.ignoredReplies).toEqual(['timed-out-request', 'unparseable']);
  });
});
