import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createDynamoDbClient } from '../functions/platform/aws-clients.ts';
import { parseEnvironment } from '../functions/platform/parse-environment.ts';
import { baileysEnvironmentShape } from '../functions/whatsapp/baileys-directory-config.ts';
import { silentLogger } from '../test/support/logging/silent-logger.ts';
import { wireBaileysBackend } from '../test/support/whatsapp/baileys-backend.ts';
import { trustTestRootKey } from '../test/support/whatsapp/server-stand-in.ts';
import { testCredentialCipher } from '../test/support/whatsapp/test-credential-cipher.ts';
import { percentile, roundTo } from './sample-statistics.ts';

/**
 * The process under measurement in the session-capacity bench: the worker's own Baileys
 * directory (session manager, directory reader sockets, DynamoDB auth state), driven over IPC
 * by bench/session-capacity.ts. Run with --expose-gc so memory is read after a full collection.
 */

export type SessionHostCommand = (
  | { type: 'sample'; windowMs: number; keepCounts?: boolean; noGc?: boolean }
  | { type: 'open' }
  | {
      type: 'lookups';
      count: number;
      perSecond: number;
      deadlineMs: number;
      identities: { tenantId: string; userId: string }[];
    }
  | { type: 'timeline' }
  | { type: 'stop' }
) & { id?: number };

export interface SessionHostSample {
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  cpuMs: number;
  windowMs: number;
  openSessions: number;
  /** DynamoDB requests by command during the window. */
  dynamoDb: Record<string, number>;
  /** Event-loop delay over the window (node:perf_hooks, 10 ms resolution). */
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
const trusted = process.env.BENCH_TEST_ROOT_KEY;
if (!trusted || !gc) throw new Error('run by bench/session-capacity.ts with --expose-gc');
trustTestRootKey(Buffer.from(trusted, 'hex'));

// The worker's own client (functions/worker/main.ts): the SDK's socket pool, its timeouts.
const dynamoDb = createDynamoDbClient();
const dynamoDbRequests: Record<string, number> = {};
const startedAt = performance.now();
/** DynamoDB requests in each second since this process started, and the throttled ones. */
const timeline = { requestsPerSecond: [] as number[], throttled: 0, failed: 0 };
dynamoDb.middlewareStack.add(
  (next, context) => async (args) => {
    const name = context.commandName ?? 'unknown';
    dynamoDbRequests[name] = (dynamoDbRequests[name] ?? 0) + 1;
    const second = Math.floor((performance.now() - startedAt) / 1000);
    timeline.requestsPerSecond[second] = (timeline.requestsPerSecond[second] ?? 0) + 1;
    try {
      return await next(args);
    } catch (error) {
      const errorName = error instanceof Error ? error.name : '';
      if (/Throttl|ProvisionedThroughputExceeded|RequestLimitExceeded/.test(errorName)) {
        timeline.throttled += 1;
      } else timeline.failed += 1;
      throw error;
    }
  },
  { step: 'initialize', name: 'countRequests' },
);
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const config = parseEnvironment(baileysEnvironmentShape, process.env);
const { directory } = wireBaileysBackend(config, {
  // The real cipher with the test run's local key, which sealed the seeded sessions
  // (bench/session-capacity.ts): every read is opened and every write sealed as on AWS.
  cipher: testCredentialCipher,
  dynamoDb,
  sessionsTableName: process.env.BENCH_SESSIONS_TABLE ?? '',
  shardCount: 1,
  // Silent: every stand-in message fails to decrypt and Baileys logs each failure, which a
  // real account's (decryptable) traffic does not; logging would be measured instead.
  logger: silentLogger('bench-session-host'),
  leases: { holds: () => true, fencingToken: () => 1 },
});

function takeDynamoDbRequests(): Record<string, number> {
  const taken = { ...dynamoDbRequests };
  for (const key of Object.keys(dynamoDbRequests)) delete dynamoDbRequests[key];
  return taken;
}

async function sample(
  windowMs: number,
  keepCounts = false,
  noGc = false,
): Promise<SessionHostSample> {
  if (!keepCounts) takeDynamoDbRequests();
  loopDelay.reset();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const cpu = process.cpuUsage(cpuBefore);
  const elapsed = performance.now() - started;
  const eventLoopDelayP99Ms = roundTo(loopDelay.percentile(99) / 1e6, 1);
  const eventLoopDelayMaxMs = roundTo(loopDelay.max / 1e6, 1);
  if (!noGc) gc?.();
  const memory = process.memoryUsage();
  const mb = (bytes: number) => roundTo(bytes / 1024 ** 2, 2);
  return {
    rssMb: mb(memory.rss),
    heapUsedMb: mb(memory.heapUsed),
    externalMb: mb(memory.external),
    arrayBuffersMb: mb(memory.arrayBuffers),
    cpuMs: roundTo((cpu.user + cpu.system) / 1000, 1),
    windowMs: roundTo(elapsed, 0),
    openSessions: directory.openSessions,
    dynamoDb: takeDynamoDbRequests(),
    eventLoopDelayP99Ms,
    eventLoopDelayMaxMs,
  };
}

async function lookups(command: Extract<SessionHostCommand, { type: 'lookups' }>) {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const pending: Promise<void>[] = [];
  const spacingMs = 1000 / command.perSecond;
  takeDynamoDbRequests();
  const lookupsStarted = performance.now();
  for (let index = 0; index < command.count; index++) {
    const identity = command.identities[index % command.identities.length];
    if (!identity) break;
    // Open loop: each lookup is due at its place in the schedule, however late the event loop
    // runs, and its latency counts from then (a request waiting for a busy worker waits too).
    const started = lookupsStarted + index * spacingMs;
    const wait = started - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const contact = `55219${String(10_000_000 + index).slice(-8)}@s.whatsapp.net`;
    pending.push(
      directory
        .lookup(identity, { kind: 'jid', jid: contact }, AbortSignal.timeout(command.deadlineMs))
        .then(
          () => {
            latencies.push(performance.now() - started);
          },
          (error: unknown) => {
            const name = error instanceof Error ? error.name : 'unknown';
            failures[name] = (failures[name] ?? 0) + 1;
          },
        ),
    );
  }
  await Promise.all(pending);
  return {
    elapsedMs: roundTo(performance.now() - lookupsStarted, 0),
    answered: latencies.length,
    failures,
    p50Ms: latencies.length ? roundTo(percentile(latencies, 50), 1) : null,
    p99Ms: latencies.length ? roundTo(percentile(latencies, 99), 1) : null,
    maxMs: roundTo(Math.max(0, ...latencies), 1),
    dynamoDb: takeDynamoDbRequests(),
  };
}

export type LookupsReport = Awaited<ReturnType<typeof lookups>>;

process.on('message', (command: SessionHostCommand) => {
  const reply = (message: object) => process.send?.({ ...message, id: command.id });
  const run = async () => {
    switch (command.type) {
      case 'sample':
        return sample(command.windowMs, command.keepCounts, command.noGc);
      case 'open': {
        takeDynamoDbRequests();
        const started = performance.now();
        const opened = await directory.openShard(0);
        return { opened, ms: roundTo(performance.now() - started, 0) };
      }
      case 'lookups':
        return lookups(command);
      case 'timeline':
        return { ...timeline, sinceStartMs: roundTo(performance.now() - startedAt, 0) };
      case 'stop':
        await directory.close();
        dynamoDb.destroy();
        setImmediate(() => process.exit(0));
        return { stopped: true };
    }
  };
  run().then(
    (result) => reply({ ok: true, result }),
    (error: unknown) => reply({ ok: false, error: String(error) }),
  );
});
process.send?.({ ok: true, result: { ready: true } });
// A restarted worker connects its shard's sessions as soon as it runs, as the worker does once
// it holds the lease (bench/capacity-at-claim.ts kills and restarts this process).
if (process.env.BENCH_OPEN_AT_START === '1') directory.openShard(0).catch(() => undefined);
