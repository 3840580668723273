import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpus, loadavg, totalmem } from 'node:os';
import { UNBOUNDED_USAGE_PLAN } from './unbounded-usage-plan.ts';

/**
 * `npm run soak`: drives the local stack on loopback with many concurrent clients for a fixed
 * time, mixing cache hits, live misses, not-found contacts, bad requests and bad tokens, and
 * reports throughput, latency percentiles, error counts and the memory of the stack's processes
 * before and after. Bounded in time and in request count; nothing leaves 127.0.0.1.
 *
 * The stack runs in a child process (this file with --serve), so the load generator does not
 * share an event loop with the gateway it measures; the worker is that child's own child.
 *
 *   npm run soak                                   # 100 clients, 30 s
 *   npm run soak -- --clients 20 --duration 10 --max-requests 50000
 *
 * Exit code 1 when any response was not what its request should get (or a request failed).
 */

const USERS = 20;
const KNOWN_CONTACTS = [
  'jid=5511999999999%40s.whatsapp.net',
  'number=%2B1%20415%20555%200123',
  'jid=123456789012345%40lid',
];
const BAD_QUERIES = [
  'jid=120363025246125486%40g.us',
  'number=call-me-maybe',
  'jid=%F0%9F%98%80',
  '',
  'jid=1%40lid&jid=2%40lid',
];
const REQUEST_TIMEOUT_MS = 15_000;

interface StackInfo {
  url: string;
  tokens: string[];
  hostPid: number;
  workerPid: number;
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Resident set size of a process in MiB, from ps (Linux and macOS). */
function rssMiB(pid: number): number {
  try {
    return (
      Number(
        execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
          .toString()
          .trim(),
      ) / 1024
    );
  } catch {
    return Number.NaN;
  }
}

// --- the stack host (child process) ---------------------------------------------------------

async function serve(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  const { startLocalStack } = await import('../functions/local/local-stack.ts');
  const { DynamoDbTokenStore } = await import('../functions/adapters/dynamodb-token-store.ts');
  const { createApiToken } = await import('../functions/cli/api-token-commands.ts');
  // The soak loads our code, not the tenant usage plan: limits it never reaches.
  const stack = await startLocalStack({
    port: 0,
    workerOutput: 'inherit',
    usagePlan: UNBOUNDED_USAGE_PLAN,
  });
  const store = new DynamoDbTokenStore({
    client: stack.dynamoDb,
    tableName: stack.resources.tokensTableName,
  });
  const tokens: string[] = [];
  for (let user = 0; user < USERS; user++) {
    tokens.push((await createApiToken(store, { tenantId: 'soak', userId: `user-${user}` })).token);
  }
  const info: StackInfo = {
    url: stack.url,
    tokens,
    hostPid: process.pid,
    workerPid: stack.workerPid as number,
  };
  process.send?.(info);
  process.on('message', () => {
    // The measurement is over: no need to wait out the worker's graceful stop.
    if (stack.workerPid) process.kill(stack.workerPid, 'SIGKILL');
    void stack.stop().then(() => process.exit(0));
  });
}

// --- the load generator ---------------------------------------------------------------------

type Kind = 'hit' | 'refresh' | 'not-found' | 'bad-request' | 'bad-token';

/** Share of each kind of request, and the one status each must get. */
const MIX: { kind: Kind; weight: number; expect: number }[] = [
  { kind: 'hit', weight: 70, expect: 200 },
  { kind: 'refresh', weight: 8, expect: 200 },
  { kind: 'not-found', weight: 7, expect: 404 },
  { kind: 'bad-request', weight: 10, expect: 400 },
  { kind: 'bad-token', weight: 5, expect: 401 },
];
const TOTAL_WEIGHT = MIX.reduce((sum, entry) => sum + entry.weight, 0);

/** The mix entry a number in [0, TOTAL_WEIGHT) falls on. */
function pickKind(point: number): (typeof MIX)[number] {
  let remaining = point;
  for (const entry of MIX) {
    if (remaining < entry.weight) return entry;
    remaining -= entry.weight;
  }
  return MIX[0] as (typeof MIX)[number];
}

interface KindStats {
  latenciesMs: number[];
  statuses: Map<string, number>;
  unexpected: number;
  xCache: Map<string, number>;
}

/** A small seeded generator, so two runs send the same mix. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function drive(): Promise<void> {
  const clients = option('clients', 100);
  const durationS = option('duration', 30);
  const maxRequests = option('max-requests', 250_000);

  const host = spawn(process.execPath, [new URL(import.meta.url).pathname, '--serve'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [info] = (await once(host, 'message')) as [StackInfo];
  const get = async (query: string, authorization: string) => {
    const response = await fetch(`${info.url}/contacts/profile${query ? `?${query}` : ''}`, {
      headers: { Authorization: authorization },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return response;
  };

  const memoryBefore = { worker: rssMiB(info.workerPid), host: rssMiB(info.hostPid) };
  // Warm the cache: every user reads every known contact once (these are the misses of a cold
  // cache; the soak's hits read them again).
  await Promise.all(
    info.tokens.flatMap((token) => KNOWN_CONTACTS.map((query) => get(query, `Bearer ${token}`))),
  );
  const memoryWarm = { worker: rssMiB(info.workerPid), host: rssMiB(info.hostPid) };

  const stats = new Map<Kind, KindStats>(
    MIX.map((entry) => [
      entry.kind,
      { latenciesMs: [], statuses: new Map(), unexpected: 0, xCache: new Map() },
    ]),
  );
  const failures = new Map<string, number>();
  let issued = 0;
  let notFoundCounter = 0;
  const started = performance.now();
  const stopAt = started + durationS * 1000;

  async function client(seed: number): Promise<void> {
    const next = random(seed);
    while (performance.now() < stopAt && issued < maxRequests) {
      issued += 1;
      const entry = pickKind(next() * TOTAL_WEIGHT);
      const token = info.tokens[Math.floor(next() * info.tokens.length)] as string;
      const known = KNOWN_CONTACTS[Math.floor(next() * KNOWN_CONTACTS.length)] as string;
      let query = known;
      let authorization = `Bearer ${token}`;
      if (entry.kind === 'refresh') query = `${known}&refresh=true`;
      if (entry.kind === 'not-found') {
        notFoundCounter += 1;
        // Numbers no one has: each is a true miss, answered 404 by the worker.
        query = `number=%2B4479${String(10_000_000 + (notFoundCounter % 89_999_999))}`;
      }
      if (entry.kind === 'bad-request') {
        query = BAD_QUERIES[Math.floor(next() * BAD_QUERIES.length)] as string;
      }
      if (entry.kind === 'bad-token') {
        authorization = next() < 0.5 ? 'Bearer not-a-token' : `Bearer ${crypto.randomUUID()}`;
      }
      const kindStats = stats.get(entry.kind) as KindStats;
      const sent = performance.now();
      try {
        const response = await get(query, authorization);
        kindStats.latenciesMs.push(performance.now() - sent);
        const status = String(response.status);
        kindStats.statuses.set(status, (kindStats.statuses.get(status) ?? 0) + 1);
        const xCache = response.headers.get('x-cache');
        if (xCache) kindStats.xCache.set(xCache, (kindStats.xCache.get(xCache) ?? 0) + 1);
        if (response.status !== entry.expect) kindStats.unexpected += 1;
      } catch (error) {
        const name = (error as Error).name ?? 'Error';
        failures.set(name, (failures.get(name) ?? 0) + 1);
        kindStats.unexpected += 1;
      }
    }
  }

  // Memory every 5 s: a steady climb under a steady load would be a leak, a plateau is not.
  const workerSamples: number[] = [];
  const sampler = setInterval(() => workerSamples.push(rssMiB(info.workerPid)), 5_000);
  await Promise.all(Array.from({ length: clients }, (_, index) => client(index + 1)));
  clearInterval(sampler);
  const elapsedS = (performance.now() - started) / 1000;
  const memoryAfter = { worker: rssMiB(info.workerPid), host: rssMiB(info.hostPid) };
  host.send({ type: 'stop' });
  await once(host, 'exit');

  const all = [...stats.values()].flatMap((entry) => entry.latenciesMs).sort((a, b) => a - b);
  const completed = all.length;
  const unexpected = [...stats.values()].reduce((sum, entry) => sum + entry.unexpected, 0);
  const fmt = (value: number) => value.toFixed(1);
  const lines = [
    `Soak of ${new Date().toISOString()}: ${clients} clients, ${fmt(elapsedS)} s (limit ${durationS} s, ${maxRequests} requests)`,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
    '',
    `Requests completed: ${completed} (${fmt(completed / elapsedS)} req/s); unexpected responses or failures: ${unexpected}${
      failures.size
        ? ` (${[...failures].map(([name, count]) => `${name} ${count}`).join(', ')})`
        : ''
    }`,
    `Latency, all requests: p50 ${fmt(percentile(all, 50))} ms, p90 ${fmt(percentile(all, 90))} ms, p99 ${fmt(percentile(all, 99))} ms, max ${fmt(all.at(-1) ?? Number.NaN)} ms`,
    '',
    '| kind | expected | count | statuses | X-Cache | p50 ms | p90 ms | p99 ms | max ms | unexpected |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...MIX.map((entry) => {
      const kind = stats.get(entry.kind) as KindStats;
      const sorted = [...kind.latenciesMs].sort((a, b) => a - b);
      const list = (map: Map<string, number>) =>
        [...map].map(([key, count]) => `${key}: ${count}`).join(', ') || '-';
      return `| ${entry.kind} (${entry.weight}%) | ${entry.expect} | ${sorted.length} | ${list(kind.statuses)} | ${list(kind.xCache)} | ${fmt(percentile(sorted, 50))} | ${fmt(percentile(sorted, 90))} | ${fmt(percentile(sorted, 99))} | ${fmt(sorted.at(-1) ?? Number.NaN)} | ${kind.unexpected} |`;
    }),
    '',
    '| process | RSS before | after warm-up | after soak |',
    '|---|---|---|---|',
    `| session worker (pid ${info.workerPid}) | ${fmt(memoryBefore.worker)} MiB | ${fmt(memoryWarm.worker)} MiB | ${fmt(memoryAfter.worker)} MiB |`,
    `| stack host: gateway, handlers, dynalite, fauxqs (pid ${info.hostPid}) | ${fmt(memoryBefore.host)} MiB | ${fmt(memoryWarm.host)} MiB | ${fmt(memoryAfter.host)} MiB |`,
    '',
    `Worker RSS every 5 s during the soak (MiB): ${workerSamples.map((value) => value.toFixed(0)).join(', ') || '-'}`,
  ];
  console.log(lines.join('\n'));
  process.exitCode = unexpected === 0 ? 0 : 1;
}

if (process.argv.includes('--serve')) await serve();
else await drive();
