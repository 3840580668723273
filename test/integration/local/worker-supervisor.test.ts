import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../../functions/local/local-stack.ts';
import { callApi } from '../../support/http/api-client.ts';
import {
  killLocalStack,
  startLocalStackWithToken,
} from '../../support/local-stack/local-stack-with-token.ts';

/**
 * `npm start` supervises the session worker as ECS does: killed with SIGKILL, it is logged with
 * its signal and started again, and a cache miss is served by the new process. Short lease
 * timings let the new worker take the dead one's shard over quickly.
 */

const MISS = '/contacts/profile?jid=14155550123%40s.whatsapp.net';

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() - started > 20_000) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('worker supervision (local stack, as npm start runs it)', () => {
  let stack: LocalStack;
  let token: string;
  const logged: string[] = [];

  beforeAll(async () => {
    ({ stack, token } = await startLocalStackWithToken(
      {
        LIVE_LOOKUP_DEADLINE_MS: '3000',
        LEASE_DURATION_MS: '2000',
        LEASE_RENEW_INTERVAL_MS: '300',
      },
      undefined,
      { restartWorker: true, log: (message) => logged.push(message) },
    ));
  });

  afterAll(async () => {
    await killLocalStack(stack);
  });

  it('logs the signal of a worker killed with kill -9, restarts it, and the new one serves a miss', async () => {
    const killedPid = stack.workerPid as number;

    process.kill(killedPid, 'SIGKILL');
    const restartedPid = await until(
      async () => stack.workerPid,
      (pid) => pid !== undefined && pid !== killedPid,
    );
    const served = await until(
      () => callApi(stack.url, MISS, { token }),
      (response) => response.status === 200,
    );

    expect(restartedPid).toBeDefined();
    expect(restartedPid).not.toBe(killedPid);
    expect(logged).toContain(
      `session worker (pid ${killedPid}) stopped: signal SIGKILL; restarting in 500 ms`,
    );
    expect(logged).toContain(`session worker restarted (pid ${restartedPid})`);
    expect(served.status).toBe(200);
    expect(served.headers.get('x-cache')).toBe('MISS');
  });
});
