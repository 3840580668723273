import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../functions/local/local-stack.ts';
import { shardLeaseKey } from '../../functions/resources/sessions-table-keys.ts';
import { type ApiResponse, callApi, isErrorEnvelope } from '../support/http/api-client.ts';
import {
  killLocalStack,
  startLocalStackWithToken,
} from '../support/local-stack/local-stack-with-token.ts';

/**
 * A worker that crashes (SIGKILL: no graceful lease release) and is restarted: the new process
 * takes the shard over once the dead one's lease expires, and serves again, while the cache keeps
 * answering hits throughout. Short lease timings keep the test quick.
 */

const LEASE_DURATION_MS = 2_000;
const VISIBILITY_TIMEOUT_SECONDS = 2;
const SEED = '/contacts/profile?jid=5511999999999%40s.whatsapp.net';
const BUSINESS = '/contacts/profile?jid=14155550123%40s.whatsapp.net';
const LID = '/contacts/profile?jid=123456789012345%40lid';

describe('worker restart after a crash (local stack)', () => {
  let stack: LocalStack;
  let token: string;

  beforeAll(async () => {
    ({ stack, token } = await startLocalStackWithToken({
      LIVE_LOOKUP_DEADLINE_MS: '1500',
      STALE_FALLBACK_AFTER_MS: '1000',
      LEASE_DURATION_MS: String(LEASE_DURATION_MS),
      LEASE_RENEW_INTERVAL_MS: '300',
    }));
    // A killed worker's pending long poll can still take a message off the queue (SQS hands it to
    // a connection that is gone); it comes back after the visibility timeout, 30 s in prod.
    await stack.sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: stack.resources.requestQueueUrls[0],
        Attributes: { VisibilityTimeout: String(VISIBILITY_TIMEOUT_SECONDS) },
      }),
    );
  });

  afterAll(async () => {
    await killLocalStack(stack);
  });

  async function lease() {
    const result = await stack.dynamoDb.send(
      new GetItemCommand({
        TableName: stack.resources.sessionsTableName,
        Key: shardLeaseKey(0),
        ConsistentRead: true,
      }),
    );
    return {
      ownerId: result.Item?.ownerId?.S,
      fencingToken: Number(result.Item?.fencingToken?.N),
    };
  }

  async function requestQueueDepth(): Promise<number> {
    const result = await stack.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: stack.resources.requestQueueUrls[0],
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(result.Attributes?.ApproximateNumberOfMessages ?? 0) +
      Number(result.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
    );
  }

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const started = Date.now();
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() - started > 15_000) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('re-acquires the shard lease after a crash and serves misses again; hits never stop', async () => {
    const warm = await callApi(stack.url, SEED, { token });
    const before = await lease();
    const crashedPid = stack.workerPid as number;

    process.kill(crashedPid, 'SIGKILL');
    await until(
      async () => stack.workerPid,
      (pid) => pid === undefined,
    );
    const hitWhileDown = await callApi(stack.url, SEED, { token });
    // The dead worker's lease is still live: the miss is queued and times out (or, once the
    // lease has expired, the worker tier is reported unavailable). Never a 500.
    const missWhileDown = await callApi(stack.url, BUSINESS, { token });
    await stack.stopWorker();
    await stack.startWorker();
    const served: ApiResponse = await until(
      () => callApi(stack.url, LID, { token }),
      (response) => response.status === 200,
    );
    const after = await lease();
    // The request queued while no worker ran was drained: fetched late, it warmed the cache.
    const depth = await until(requestQueueDepth, (value) => value === 0);
    const orphan = await callApi(stack.url, BUSINESS, { token });

    expect(warm.status).toBe(200);
    expect(before.ownerId).toContain(String(crashedPid));
    expect(hitWhileDown.status).toBe(200);
    expect(hitWhileDown.headers.get('x-cache')).toBe('HIT');
    expect([503, 504]).toContain(missWhileDown.status);
    expect(
      isErrorEnvelope(missWhileDown.body, 'UPSTREAM_TIMEOUT') ||
        isErrorEnvelope(missWhileDown.body, 'SESSION_UNAVAILABLE'),
    ).toBe(true);
    expect(served.status).toBe(200);
    expect(served.body.data.jid).toBe('123456789012345@lid');
    expect(after.ownerId).not.toBe(before.ownerId);
    expect(after.ownerId).toContain(String(stack.workerPid));
    expect(after.fencingToken).toBe(before.fencingToken + 1);
    expect(depth).toBe(0);
    expect(orphan.status).toBe(200);
    expect(orphan.headers.get('x-cache')).toBe('HIT');
  });

  it('answers 503 SESSION_UNAVAILABLE at once for a miss once the crashed worker’s lease has expired', async () => {
    process.kill(stack.workerPid as number, 'SIGKILL');
    await until(
      async () => stack.workerPid,
      (pid) => pid === undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, LEASE_DURATION_MS + 200));

    const started = Date.now();
    const response = await callApi(stack.url, '/contacts/profile?number=%2B447911123456', {
      token,
    });
    const elapsedMs = Date.now() - started;
    await stack.stopWorker();
    await stack.startWorker();
    // Until the new worker holds the lease: 503; a request caught by the dead worker's last long
    // poll comes back only after its visibility timeout: 504. Then answers again.
    const seen: number[] = [];
    const recovered = await until(
      () => callApi(stack.url, '/contacts/profile?number=%2B447911123456', { token }),
      (value) => {
        seen.push(value.status);
        return value.status === 404;
      },
    );

    expect(response.status).toBe(503);
    expect(isErrorEnvelope(response.body, 'SESSION_UNAVAILABLE')).toBe(true);
    expect(elapsedMs).toBeLessThan(1_500);
    expect(recovered.status).toBe(404);
    expect(seen.every((status) => [503, 504, 404].includes(status))).toBe(true);
    expect(isErrorEnvelope(recovered.body, 'NOT_FOUND')).toBe(true);
  });
});
