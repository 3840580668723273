import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { WorkerSupervisor } from '../functions/local/worker-supervisor.ts';
import {
  CAPACITY_MIX,
  encryptedTraffic,
  type TrafficMix,
} from '../test/support/whatsapp/encrypted-traffic.ts';
import { startWhatsAppServerStandIn } from '../test/support/whatsapp/server-stand-in.ts';
import {
  type CapacityRun,
  summariseCapacityRun,
  writeCapacityResults,
} from './capacity-results.ts';
import { reconnectStorm } from './reconnect-storm.ts';
import { seedSessions } from './session-capacity.ts';
import type { LookupsReport, SessionHostSample } from './session-host.ts';
import { type SessionHostAsk, sessionHostClient, spawnSessionHost } from './session-host-client.ts';
import {
  limitedNodeCommand,
  memoryCgroup,
  pinProcess,
  processCpuMs,
  processMemory,
  type WorkerLimits,
} from './worker-limits.ts';

/**
 * `npm run bench:capacity`: the worker at the claimed session count, for real, not scaled.
 * One session host (the worker's Baileys directory, bench/session-host.ts) holds `--sessions`
 * sessions on one CPU and 2 GiB (worker-limits.ts) for `--minutes`, while the WhatsApp
 * stand-in sends each session really encrypted messages in the mix docs/capacity.md assumes
 * (encrypted-traffic.ts) and the host answers lookups at `--lookups-per-second`. Then the CPU
 * of each kind of message alone, and two reconnect storms through the local supervisor:
 * unpaced (every session at once) and paced (the worker's defaults). Writes
 * `capacityAtClaim` into bench/results.json and the generated blocks of the docs.
 *
 *   npm run bench:capacity                        # 880 sessions, 10 minutes (about 25 minutes)
 *   npm run bench:capacity -- --sessions 20 --minutes 1 --phase-seconds 15 --dry
 */

const { values: flags } = parseArgs({
  options: {
    sessions: { type: 'string', default: '880' },
    minutes: { type: 'string', default: '10' },
    'lookups-per-second': { type: 'string', default: '10' },
    'phase-seconds': { type: 'string', default: '60' },
    'storm-lookup-seconds': { type: 'string', default: '60' },
    /** The worker's nice value: how much of its core it gets on a shared machine. */
    nice: { type: 'string', default: '0' },
    /** Measure, print, write nothing. */
    dry: { type: 'boolean', default: false },
  },
});
const SESSIONS = Number(flags.sessions);
const MINUTES = Number(flags.minutes);
const LOOKUPS_PER_SECOND = Number(flags['lookups-per-second']);
const PHASE_MS = Number(flags['phase-seconds']) * 1000;
const MESSAGES_PER_MINUTE = 2;
/** Per-kind phases run faster than the mix, so each kind's CPU stands out of the idle cost. */
const PHASE_MESSAGES_PER_MINUTE = 6;
const LOOKUP_DEADLINE_MS = 10_000;
const SAMPLE_MS = 30_000;
const LIMITS: WorkerLimits = {
  workerCore: 1,
  benchCore: 0,
  memoryMb: 2048,
  heapMb: 1536,
  niceness: Number(flags.nice),
};
const HOST = path.join(import.meta.dirname, 'session-host.ts');
const BUILD_DIR = path.join(import.meta.dirname, '..', '.bench-build');
const PACED = { concurrency: 32, jitterMs: 250 };
const UNPACED = { concurrency: 0, jitterMs: 0 };

const started = Date.now();
const step = (label: string) =>
  console.error(
    `[${((Date.now() - started) / 1000).toFixed(0)} s, load ${os.loadavg()[0]?.toFixed(2)}] ${label}`,
  );

async function startDynalite(): Promise<{
  child: ChildProcess;
  endpoint: string;
  tableName: string;
}> {
  const child = fork(path.join(import.meta.dirname, 'dynalite-process.ts'), { stdio: 'inherit' });
  const [message] = (await once(child, 'message')) as [{ endpoint: string; tableName: string }];
  if (child.pid) pinProcess(child.pid, LIMITS.benchCore);
  // The stand-ins answer for WhatsApp and DynamoDB, which do not share the task's CPU either.
  if (child.pid && LIMITS.niceness) os.setPriority(child.pid, LIMITS.niceness);
  return { child, ...message };
}

/** Every second: the worker's RSS, and the CPU of the bench's own process and dynalite's. */
function watchProcesses(workerPid: () => number | undefined, dynalitePid: number) {
  const rss: number[] = [];
  let peakRssMb = 0;
  const timer = setInterval(() => {
    const pid = workerPid();
    const memory = pid ? processMemory(pid) : undefined;
    if (!memory) return;
    rss.push(memory.rssMb);
    peakRssMb = Math.max(peakRssMb, memory.peakRssMb);
  }, 1_000);
  const cpuAtStart = { bench: process.cpuUsage(), dynalite: processCpuMs(dynalitePid) };
  return {
    rss,
    peakRssMb: () => peakRssMb,
    /** CPU the bench (stand-in, load) and dynalite used since the watch began, ms. */
    helperCpuMs: () => {
      const bench = process.cpuUsage(cpuAtStart.bench);
      return {
        bench: (bench.user + bench.system) / 1000,
        dynalite: processCpuMs(dynalitePid) - cpuAtStart.dynalite,
      };
    },
    stop: () => clearInterval(timer),
  };
}

async function main(): Promise<void> {
  pinProcess(process.pid, LIMITS.benchCore);
  if (LIMITS.niceness) os.setPriority(LIMITS.niceness);
  const loadAtStart = os.loadavg();
  const dynalite = await startDynalite();
  const client = new DynamoDBClient({
    endpoint: dynalite.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  const traffic = encryptedTraffic({ contactsPerCompanion: 4, mix: CAPACITY_MIX });
  const whatsApp = await startWhatsAppServerStandIn({ traffic, keepStanzas: false });
  const cgroup = memoryCgroup(LIMITS.memoryMb, 'capacity-bench-worker');
  let pacing = PACED;
  let ask: SessionHostAsk | undefined;
  const supervisorLog: string[] = [];
  const spawnHost = async () => {
    const limited = limitedNodeCommand(LIMITS, cgroup, ['--expose-gc', HOST]);
    const child = await spawnSessionHost(limited.command, limited.args, {
      ...process.env,
      AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      BENCH_SESSIONS_TABLE: dynalite.tableName,
      BENCH_TEST_ROOT_KEY: Buffer.from(whatsApp.rootPublicKey).toString('hex'),
      BENCH_OPEN_AT_START: '1',
      WA_WEBSOCKET_URL: whatsApp.url,
      WA_LIVE_LOOKUP_BURST: '1000',
      WA_LIVE_LOOKUP_PER_MINUTE: '1000',
      WA_OPEN_CONCURRENCY: String(pacing.concurrency),
      WA_OPEN_JITTER_MS: String(pacing.jitterMs),
    });
    ask = sessionHostClient(child);
    return child;
  };
  const supervisor = new WorkerSupervisor({
    start: spawnHost,
    log: (line) => {
      supervisorLog.push(line);
      step(line);
    },
    restart: true,
  });
  const host = () => {
    if (!ask) throw new Error('no session host');
    return ask;
  };
  try {
    step(`seeding ${SESSIONS} paired sessions`);
    const identities = await seedSessions(
      { client, tableName: dynalite.tableName },
      whatsApp.register,
      SESSIONS,
    );
    step('starting the worker under the supervisor; it connects every session');
    const connectStarted = performance.now();
    await supervisor.start();
    const watch = watchProcesses(() => supervisor.pid, dynalite.child.pid ?? 0);
    await whatsApp.waitUntil(() => whatsApp.loggedIn() >= SESSIONS, 20 * 60_000);
    const firstConnectMs = performance.now() - connectStarted;
    step(`all ${SESSIONS} logged in after ${(firstConnectMs / 1000).toFixed(1)} s; settling`);
    await host()({ type: 'sample', windowMs: PHASE_MS / 2, noGc: true });

    step(
      `${MINUTES} minutes: ${MESSAGES_PER_MINUTE} messages a minute per session, ${LOOKUPS_PER_SECOND} lookups a second`,
    );
    const helperCpuBefore = watch.helperCpuMs();
    const countsBefore = structuredClone(traffic.counts);
    const pushedBefore = whatsApp.pushedMessages;
    traffic.setMix(CAPACITY_MIX);
    whatsApp.setMessagesPerMinute(MESSAGES_PER_MINUTE);
    const windowMs = MINUTES * 60_000;
    const lookups = host()<LookupsReport>({
      type: 'lookups',
      count: Math.round((LOOKUPS_PER_SECOND * windowMs) / 1000),
      perSecond: LOOKUPS_PER_SECOND,
      deadlineMs: LOOKUP_DEADLINE_MS,
      identities,
    });
    const samples: SessionHostSample[] = [];
    const loads: number[] = [];
    const windowStarted = performance.now();
    while (performance.now() - windowStarted < windowMs - SAMPLE_MS / 2) {
      samples.push(
        await host()<SessionHostSample>({ type: 'sample', windowMs: SAMPLE_MS, noGc: true }),
      );
      loads.push(os.loadavg()[0] ?? 0);
      const last = samples.at(-1);
      step(
        `sample: RSS ${last?.rssMb} MB, CPU ${last?.cpuMs} ms, loop p99 ${last?.eventLoopDelayP99Ms} ms`,
      );
    }
    const lookupReport = await lookups;
    whatsApp.setMessagesPerMinute(0);
    const mainWindow = {
      samples,
      loads,
      peakRssMb: watch.peakRssMb(),
      lookups: lookupReport,
      pushed: whatsApp.pushedMessages - pushedBefore,
      countsBefore,
      countsAfter: structuredClone(traffic.counts),
      helperCpuMs: watch.helperCpuMs(),
      helperCpuBefore,
      windowMs: performance.now() - windowStarted,
    };

    const phase = async (label: string, mix: TrafficMix | undefined) => {
      step(`phase: ${label}`);
      if (mix) traffic.setMix(mix);
      whatsApp.setMessagesPerMinute(mix ? PHASE_MESSAGES_PER_MINUTE : 0);
      // One interval first, so every session's timer runs at the phase's rate.
      await new Promise((resolve) =>
        setTimeout(resolve, mix ? 60_000 / PHASE_MESSAGES_PER_MINUTE : 1_000),
      );
      const pushed = whatsApp.pushedMessages;
      const counts = structuredClone(traffic.counts);
      const sample = await host()<SessionHostSample>({
        type: 'sample',
        windowMs: PHASE_MS,
        noGc: true,
      });
      whatsApp.setMessagesPerMinute(0);
      return {
        sample,
        pushed: whatsApp.pushedMessages - pushed,
        countsBefore: counts,
        countsAfter: structuredClone(traffic.counts),
      };
    };
    const none = { 'one-to-one': 0, group: 0, status: 0, broadcast: 0, channel: 0 };
    const phases = {
      idle: await phase('idle (keep-alives only)', undefined),
      ignored: await phase('ignored chats only (group, status, broadcast, channel)', {
        ...CAPACITY_MIX,
        'one-to-one': 0,
      }),
      oneToOne: await phase('one-to-one only (decrypted)', { ...none, 'one-to-one': 1 }),
    };
    await new Promise((resolve) => setTimeout(resolve, 5_000));

    step('reconnect storm, unpaced: kill -9, supervisor restart, every session at once');
    pacing = UNPACED;
    const storm = {
      serveWithinMs: 240_000,
      identities,
      sessions: SESSIONS,
      lookupsPerSecond: LOOKUPS_PER_SECOND,
      lookupSeconds: Number(flags['storm-lookup-seconds']),
      lookupDeadlineMs: LOOKUP_DEADLINE_MS,
    };
    const unpaced = await reconnectStorm({ ...storm, pacing }, supervisor, whatsApp, host);
    step(`unpaced: all served after ${unpaced.allServedAfterMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, PHASE_MS / 2));
    step('reconnect storm, paced (the worker defaults)');
    pacing = PACED;
    const paced = await reconnectStorm({ ...storm, pacing }, supervisor, whatsApp, host);
    step(`paced: all served after ${paced.allServedAfterMs} ms`);
    watch.stop();

    const run: CapacityRun = {
      sessions: SESSIONS,
      limits: LIMITS,
      limitsHow: limitedNodeCommand(LIMITS, cgroup, []).how,
      cgroupPeakMb: cgroup?.peakMb(),
      cgroupLimitHits: cgroup?.limitHits(),
      firstConnectMs,
      messagesPerMinute: MESSAGES_PER_MINUTE,
      phaseMessagesPerMinute: PHASE_MESSAGES_PER_MINUTE,
      lookupsPerSecond: LOOKUPS_PER_SECOND,
      lookupDeadlineMs: LOOKUP_DEADLINE_MS,
      mainWindow,
      phases,
      rss: watch.rss,
      peakRssMb: watch.peakRssMb(),
      storms: { unpaced, paced },
      supervisorLog,
      traffic: traffic.counts,
      loadAverage: { atStart: loadAtStart, atEnd: os.loadavg() },
      startedAt: new Date(started).toISOString(),
    };
    const summary = summariseCapacityRun(run);
    console.log(JSON.stringify(summary, null, 2));
    // Kept whole first: a long run is not lost to a failing merge.
    await mkdir(BUILD_DIR, { recursive: true });
    await writeFile(
      path.join(BUILD_DIR, 'capacity-at-claim.json'),
      JSON.stringify(summary, null, 2),
    );
    if (!flags.dry) await writeCapacityResults(summary);
  } finally {
    await supervisor.stop();
    cgroup?.remove();
    await whatsApp.stop();
    client.destroy();
    dynalite.child.kill();
  }
}

await main();
