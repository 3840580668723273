import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SessionStatusStore } from '../functions/adapters/dynamodb-session-status-store.ts';
import { type SessionsTable, startSessionsTable } from '../test/support/aws/sessions-table.ts';
import {
  encryptedTraffic,
  mixWithIgnoredShare,
} from '../test/support/whatsapp/encrypted-traffic.ts';
import { signedDeviceIdentity, storeLinkedDevice } from '../test/support/whatsapp/linked-device.ts';
import { startWhatsAppServerStandIn } from '../test/support/whatsapp/server-stand-in.ts';
import { roundTo } from './sample-statistics.ts';
import type { SessionHostCommand, SessionHostSample } from './session-host.ts';

/**
 * How many WhatsApp sessions one worker process holds. The worker's own Baileys directory runs
 * in a child process (bench/session-host.ts) against the WhatsApp server stand-in (Noise
 * handshake, login, keep-alives, a trickle of really encrypted incoming messages) and dynalite for the auth
 * state; this process seeds the sessions and reads the child's memory and CPU:
 *
 * 1. baseline: Baileys loaded, no session;
 * 2. idle: N sessions logged in, only WhatsApp's keep-alives;
 * 3. receiving: the same N sessions each receiving M messages a minute;
 * 4. lookups: profile lookups through the directory while the trickle goes on.
 *
 * Per-session figures are the differences over N; sessions per task are extrapolated from
 * them for 1 vCPU / 2 GiB, and the lookup latency is the one measured at N.
 */

export interface SessionCapacitySettings {
  sessions: number;
  windowMs: number;
  messagesPerMinute: number;
  groupShare: number;
  lookups: number;
  lookupsPerSecond: number;
  lookupDeadlineMs: number;
}

/** What one task may use: the Fargate size the plan prices (1 vCPU, 2 GiB). */
const TASK = { vcpu: 1, memoryMb: 2048 } as const;
/** Headroom kept free: GC, reconnect storms after a deploy, lookup bursts. */
const MEMORY_USE = 0.75;
const CPU_USE = 0.6;

const HOST = path.join(import.meta.dirname, 'session-host.ts');

export async function measureSessionCapacity(
  settings: SessionCapacitySettings,
  track: (child: ChildProcess) => ChildProcess,
  step: (label: string) => void,
) {
  const table = await startSessionsTable();
  // Really encrypted messages, as in npm run bench:capacity (see encrypted-traffic.ts).
  const traffic = encryptedTraffic({ mix: mixWithIgnoredShare(settings.groupShare) });
  const whatsApp = await startWhatsAppServerStandIn({ traffic, keepStanzas: false });
  let host: ChildProcess | undefined;
  try {
    step(`session capacity: seeding ${settings.sessions} paired sessions`);
    const identities = await seedSessions(table, whatsApp.register, settings.sessions);

    host = track(
      spawn(process.execPath, ['--expose-gc', HOST], {
        env: {
          ...process.env,
          AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'bench',
          AWS_SECRET_ACCESS_KEY: 'bench',
          BENCH_SESSIONS_TABLE: table.tableName,
          BENCH_TEST_ROOT_KEY: Buffer.from(whatsApp.rootPublicKey).toString('hex'),
          WA_WEBSOCKET_URL: whatsApp.url,
          WA_LIVE_LOOKUP_BURST: '1000',
          WA_LIVE_LOOKUP_PER_MINUTE: '1000',
        },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      }),
    );
    const ask = commander(host);
    await ask(undefined);

    step('session capacity: baseline (Baileys loaded, no session)');
    const baseline = (await ask({
      type: 'sample',
      windowMs: settings.windowMs,
    })) as SessionHostSample;

    step(`session capacity: opening ${settings.sessions} sessions`);
    const openStarted = performance.now();
    const opened = (await ask({ type: 'open' })) as { opened: number };
    await whatsApp.waitUntil(
      () => whatsApp.loggedIn() >= settings.sessions,
      Math.max(30_000, settings.sessions * 200),
    );
    const openMs = performance.now() - openStarted;
    // DynamoDB requests counted since the open command: what connecting N sessions cost.
    // Logged in is not settled: the post-login IQs and key-store writes go on a while, so
    // wait until two seconds pass without a DynamoDB request before measuring idle.
    const afterOpen = (await ask({
      type: 'sample',
      windowMs: 2_000,
      keepCounts: true,
    })) as SessionHostSample;
    for (let probe = 0; probe < 60; probe++) {
      const quiet = (await ask({ type: 'sample', windowMs: 2_000 })) as SessionHostSample;
      if (Object.keys(quiet.dynamoDb).length === 0) break;
      for (const [name, count] of Object.entries(quiet.dynamoDb)) {
        afterOpen.dynamoDb[name] = (afterOpen.dynamoDb[name] ?? 0) + count;
      }
    }

    step('session capacity: idle sessions (keep-alives only)');
    const idle = (await ask({ type: 'sample', windowMs: settings.windowMs })) as SessionHostSample;

    step(`session capacity: ${settings.messagesPerMinute} messages a minute per session`);
    whatsApp.setMessagesPerMinute(settings.messagesPerMinute);
    await new Promise((resolve) => setTimeout(resolve, 60_000 / settings.messagesPerMinute));
    const pushedBefore = whatsApp.pushedMessages;
    const receiving = (await ask({
      type: 'sample',
      windowMs: settings.windowMs,
    })) as SessionHostSample;
    const pushed = whatsApp.pushedMessages - pushedBefore;

    step(`session capacity: ${settings.lookups} lookups while receiving`);
    const lookups = (await ask({
      type: 'lookups',
      count: settings.lookups,
      perSecond: settings.lookupsPerSecond,
      deadlineMs: settings.lookupDeadlineMs,
      identities,
    })) as LookupsReport;
    whatsApp.setMessagesPerMinute(0);
    // More logins than sessions would mean sockets dropped (e.g. keep-alives unanswered).
    const logins = whatsApp.connections.filter((connection) => connection.loggedIn).length;
    await ask({ type: 'stop' });
    await once(host, 'exit');
    host = undefined;

    return summarise(settings, {
      baseline,
      opened: opened.opened,
      openMs,
      afterOpen,
      idle,
      receiving,
      pushed,
      lookups,
      logins,
    });
  } finally {
    if (host?.connected) host.kill('SIGKILL');
    await whatsApp.stop();
    await table.stop();
  }
}

/** What the session host reports of the lookups it ran while receiving. */
interface LookupsReport {
  elapsedMs: number;
  answered: number;
  failures: Record<string, number>;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number;
  dynamoDb: Record<string, number>;
}

function summarise(
  settings: SessionCapacitySettings,
  measured: {
    baseline: SessionHostSample;
    opened: number;
    openMs: number;
    afterOpen: SessionHostSample;
    idle: SessionHostSample;
    receiving: SessionHostSample;
    pushed: number;
    logins: number;
    lookups: LookupsReport;
  },
) {
  const { baseline, idle, receiving, lookups } = measured;
  const n = settings.sessions;
  const perSecond = (sample: SessionHostSample) => sample.cpuMs / (sample.windowMs / 1000);
  const rssPerSessionMb = (idle.rssMb - baseline.rssMb) / n;
  const heapPerSessionMb = (idle.heapUsedMb - baseline.heapUsedMb) / n;
  // CPU milliseconds per second (per mille of one vCPU) per session.
  const idleCpuPerSession = (perSecond(idle) - perSecond(baseline)) / n;
  const receivingCpuPerSession = (perSecond(receiving) - perSecond(baseline)) / n;
  const messagesPerSecond = measured.pushed / (receiving.windowMs / 1000);
  const cpuMsPerMessage =
    messagesPerSecond > 0 ? (perSecond(receiving) - perSecond(idle)) / messagesPerSecond : 0;
  const memoryBound = Math.floor(
    (TASK.memoryMb * MEMORY_USE - baseline.rssMb) / Math.max(rssPerSessionMb, 0.001),
  );
  const cpuBudget = 1000 * TASK.vcpu * CPU_USE;
  const cpuBoundIdle = Math.floor(cpuBudget / Math.max(idleCpuPerSession, 0.0001));
  const cpuBoundReceiving = Math.floor(cpuBudget / Math.max(receivingCpuPerSession, 0.0001));
  const sum = (counts: Record<string, number>) =>
    Object.values(counts).reduce((total, count) => total + count, 0);
  const perSessionMinute = (sample: SessionHostSample) =>
    roundTo((sum(sample.dynamoDb) / n) * (60_000 / sample.windowMs), 3);
  return {
    sessions: n,
    loadAverage1m: roundTo(os.loadavg()[0] ?? 0, 2),
    openedInMs: roundTo(measured.openMs, 0),
    logins: measured.logins,
    messagesPerMinutePerSession: settings.messagesPerMinute,
    baseline: { rssMb: baseline.rssMb, heapUsedMb: baseline.heapUsedMb },
    perSession: {
      rssMb: roundTo(rssPerSessionMb, 3),
      heapUsedMb: roundTo(heapPerSessionMb, 3),
      idleCpuPermille: roundTo(idleCpuPerSession, 4),
      receivingCpuPermille: roundTo(receivingCpuPerSession, 4),
      cpuMsPerIncomingMessage: roundTo(cpuMsPerMessage, 3),
      dynamoDbRequestsOnConnect: roundTo(sum(measured.afterOpen.dynamoDb) / n, 2),
      dynamoDbRequestsPerMinuteIdle: perSessionMinute(idle),
      dynamoDbRequestsPerMinuteReceiving: perSessionMinute(receiving),
    },
    lookups: {
      count: settings.lookups,
      answered: lookups.answered,
      failures: lookups.failures,
      p50Ms: lookups.p50Ms,
      p99Ms: lookups.p99Ms,
      deadlineMs: settings.lookupDeadlineMs,
      // Net of what the trickle of incoming messages costs over the same time.
      dynamoDbRequestsPerLookup: roundTo(
        Math.max(
          0,
          sum(lookups.dynamoDb) -
            (sum(receiving.dynamoDb) / receiving.windowMs) * lookups.elapsedMs,
        ) / Math.max(1, settings.lookups),
        2,
      ),
    },
    perTask: {
      vcpu: TASK.vcpu,
      memoryMb: TASK.memoryMb,
      memoryBound,
      cpuBoundIdle,
      cpuBoundReceiving,
      sessions: Math.min(memoryBound, cpuBoundReceiving),
    },
    dynamoDbByCommand: {
      connect: measured.afterOpen.dynamoDb,
      idle: idle.dynamoDb,
      receiving: receiving.dynamoDb,
      lookups: lookups.dynamoDb,
    },
    samples: { baseline, idle, receiving, afterOpen: measured.afterOpen },
  };
}

export type SessionCapacity = Awaited<ReturnType<typeof measureSessionCapacity>>;

export function printSessionCapacity(capacity: SessionCapacity): void {
  const { perSession, perTask, lookups } = capacity;
  const lines = [
    '',
    `### Sessions per worker task (${capacity.sessions} sessions on the WhatsApp server stand-in)`,
    '',
    '| Measure | Value |',
    '| --- | --- |',
    `| Baseline process (Baileys loaded, no session) | ${capacity.baseline.rssMb} MB RSS, ${capacity.baseline.heapUsedMb} MB heap |`,
    `| Memory per idle session | ${perSession.rssMb} MB RSS, ${perSession.heapUsedMb} MB heap |`,
    `| CPU per idle session (keep-alives) | ${perSession.idleCpuPermille} ms/s |`,
    `| CPU per session at ${capacity.messagesPerMinutePerSession} msg/min | ${perSession.receivingCpuPermille} ms/s (${perSession.cpuMsPerIncomingMessage} ms per message) |`,
    `| DynamoDB requests per session | ${perSession.dynamoDbRequestsOnConnect} on connect, ${perSession.dynamoDbRequestsPerMinuteIdle}/min idle, ${perSession.dynamoDbRequestsPerMinuteReceiving}/min receiving |`,
    `| Lookups while receiving | ${lookups.answered}/${lookups.count} answered, p50 ${lookups.p50Ms} ms, p99 ${lookups.p99Ms} ms (deadline ${lookups.deadlineMs} ms) |`,
    `| Logins on the stand-in | ${capacity.logins} for ${capacity.sessions} sessions (more would mean dropped sockets) |`,
    `| Sessions per ${perTask.vcpu} vCPU / ${perTask.memoryMb} MiB task | ${perTask.sessions} (memory bound ${perTask.memoryBound}, CPU bound ${perTask.cpuBoundReceiving} receiving, ${perTask.cpuBoundIdle} idle) |`,
  ];
  console.log(lines.join('\n'));
}

function commander(child: ChildProcess) {
  return async (command: SessionHostCommand | undefined): Promise<unknown> => {
    const answer = Promise.race([
      once(child, 'message') as Promise<[{ ok: boolean; result?: unknown; error?: string }]>,
      once(child, 'exit').then(() => {
        throw new Error('the session host exited');
      }),
    ]);
    if (command) child.send(command);
    const [message] = await answer;
    if (!message.ok) throw new Error(`the session host failed: ${message.error}`);
    return message.result;
  };
}

/** Paired sessions as after linking: credentials with `me` and the device identity. */
export async function seedSessions(
  table: Pick<SessionsTable, 'client' | 'tableName'>,
  register: (meId: string) => void,
  count: number,
) {
  const statusStore = new SessionStatusStore({ client: table.client, tableName: table.tableName });
  const identities: { tenantId: string; userId: string }[] = [];
  for (let index = 0; index < count; index++) {
    const identity = { tenantId: `bench-tenant-${index % 7}`, userId: `bench-user-${index}` };
    const meId = `55118${String(10_000_000 + index).slice(-8)}:7@s.whatsapp.net`;
    await storeLinkedDevice(
      table,
      identity,
      { id: meId, name: `Bench ${index}` },
      signedDeviceIdentity('bench-device'),
    );
    await statusStore.put(identity, { state: 'paired', account: 'masked', reason: 'bench' });
    register(meId);
    identities.push(identity);
  }
  return identities;
}
