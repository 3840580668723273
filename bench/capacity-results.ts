import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TrafficCounts } from '../test/support/whatsapp/encrypted-traffic.ts';
import { writeBenchDocuments } from './bench-docs.ts';
import { benchResultsSchema } from './bench-results.ts';
import type { CapacityAtClaim } from './capacity-at-claim-schema.ts';
import type { ReconnectStorm } from './reconnect-storm.ts';
import { median, roundTo } from './sample-statistics.ts';
import type { LookupsReport, SessionHostSample } from './session-host.ts';
import type { WorkerLimits } from './worker-limits.ts';

/** What bench/capacity-at-claim.ts measured, before it is summed up for results.json. */
export interface CapacityRun {
  sessions: number;
  limits: WorkerLimits;
  limitsHow: string;
  cgroupPeakMb: number | undefined;
  cgroupLimitHits: number | undefined;
  firstConnectMs: number;
  messagesPerMinute: number;
  phaseMessagesPerMinute: number;
  lookupsPerSecond: number;
  lookupDeadlineMs: number;
  mainWindow: {
    samples: SessionHostSample[];
    loads: number[];
    peakRssMb: number;
    lookups: LookupsReport;
    pushed: number;
    countsBefore: TrafficCounts;
    countsAfter: TrafficCounts;
    helperCpuMs: { bench: number; dynalite: number };
    helperCpuBefore: { bench: number; dynalite: number };
    windowMs: number;
  };
  phases: Record<'idle' | 'ignored' | 'oneToOne', Phase>;
  rss: number[];
  peakRssMb: number;
  storms: { unpaced: ReconnectStorm; paced: ReconnectStorm };
  supervisorLog: string[];
  traffic: TrafficCounts;
  loadAverage: { atStart: number[]; atEnd: number[] };
  startedAt: string;
}

interface Phase {
  sample: SessionHostSample;
  pushed: number;
  countsBefore: TrafficCounts;
  countsAfter: TrafficCounts;
}

const delta = (after: TrafficCounts, before: TrafficCounts) => ({
  decrypted: after.delivered - before.delivered,
  retries: after.retries - before.retries,
  plainAcks: after.acks - before.acks,
  nacks: after.nacks - before.nacks,
});

const perSecond = (sample: SessionHostSample) => sample.cpuMs / (sample.windowMs / 1000);

function phaseCost(phase: Phase, idle: Phase) {
  const seconds = phase.sample.windowMs / 1000;
  const messagesPerSecond = phase.pushed / seconds;
  const overIdle = perSecond(phase.sample) - perSecond(idle.sample);
  const idleSeconds = idle.sample.windowMs / 1000;
  const commands = new Set([
    ...Object.keys(phase.sample.dynamoDb),
    ...Object.keys(idle.sample.dynamoDb),
  ]);
  const dynamoDbPerMessage = Object.fromEntries(
    [...commands].map((name) => {
      const rate = (phase.sample.dynamoDb[name] ?? 0) / seconds;
      const idleRate = (idle.sample.dynamoDb[name] ?? 0) / idleSeconds;
      return [name, roundTo(messagesPerSecond > 0 ? (rate - idleRate) / messagesPerSecond : 0, 3)];
    }),
  );
  return {
    dynamoDbPerMessage,
    messagesPerSecond: roundTo(messagesPerSecond, 1),
    cpuMsPerSecond: roundTo(perSecond(phase.sample), 1),
    cpuMsPerMessage: roundTo(messagesPerSecond > 0 ? overIdle / messagesPerSecond : 0, 3),
    ...delta(phase.countsAfter, phase.countsBefore),
  };
}

export function summariseCapacityRun(run: CapacityRun): CapacityAtClaim {
  const { mainWindow: main, phases } = run;
  const samples = main.samples;
  const settled = samples.slice(-3);
  const byCommand: Record<string, number> = {};
  for (const sample of samples) {
    for (const [name, count] of Object.entries(sample.dynamoDb)) {
      byCommand[name] = (byCommand[name] ?? 0) + count;
    }
  }
  const sampledMs = samples.reduce((sum, sample) => sum + sample.windowMs, 0);
  const requests = Object.values(byCommand).reduce((sum, count) => sum + count, 0);
  const windowSeconds = main.windowMs / 1000;
  const loads = main.loads.length ? main.loads : [0];
  const encryption = Object.fromEntries(
    Object.entries(main.countsAfter.byEncryption).map(([type, count]) => [
      type,
      count - (main.countsBefore.byEncryption[type as 'msg'] ?? 0),
    ]),
  );
  return {
    date: run.startedAt,
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      node: process.version,
    },
    loadAverage1m: {
      atStart: roundTo(run.loadAverage.atStart[0] ?? 0, 2),
      duringMin: roundTo(Math.min(...loads), 2),
      duringMedian: roundTo(median(loads), 2),
      duringMax: roundTo(Math.max(...loads), 2),
      atEnd: roundTo(run.loadAverage.atEnd[0] ?? 0, 2),
    },
    sessions: run.sessions,
    minutes: roundTo(main.windowMs / 60_000, 1),
    limits: run.limitsHow,
    task: { vcpu: 1, memoryMb: run.limits.memoryMb, heapMb: run.limits.heapMb },
    firstConnectMs: roundTo(run.firstConnectMs, 0),
    memory: {
      peakRssMb: roundTo(main.peakRssMb, 1),
      settledRssMb: roundTo(median(settled.map((sample) => sample.rssMb)), 1),
      settledHeapUsedMb: roundTo(median(settled.map((sample) => sample.heapUsedMb)), 1),
      bySampleMb: samples.map((sample) => roundTo(sample.rssMb, 0)),
      cgroupPeakMb: run.cgroupPeakMb === undefined ? null : roundTo(run.cgroupPeakMb, 1),
      cgroupLimitHits: run.cgroupLimitHits ?? null,
    },
    cpu: {
      meanMsPerSecond: roundTo(
        samples.reduce((sum, sample) => sum + sample.cpuMs, 0) / (sampledMs / 1000),
        1,
      ),
      maxSampleMsPerSecond: roundTo(Math.max(...samples.map(perSecond)), 1),
      standInMsPerSecond: roundTo(
        (main.helperCpuMs.bench - main.helperCpuBefore.bench) / windowSeconds,
        1,
      ),
      dynaliteMsPerSecond: roundTo(
        (main.helperCpuMs.dynalite - main.helperCpuBefore.dynalite) / windowSeconds,
        1,
      ),
    },
    eventLoopDelay: {
      p99MedianMs: roundTo(median(samples.map((sample) => sample.eventLoopDelayP99Ms)), 1),
      p99WorstMs: Math.max(...samples.map((sample) => sample.eventLoopDelayP99Ms)),
      maxMs: Math.max(...samples.map((sample) => sample.eventLoopDelayMaxMs)),
    },
    messages: {
      perMinutePerSession: run.messagesPerMinute,
      mix: 'one-to-one 70 %, group 20 %, status 6 %, broadcast list 2 %, channel 2 %',
      pushed: main.pushed,
      byEncryption: encryption,
      ...delta(main.countsAfter, main.countsBefore),
    },
    lookups: {
      count:
        main.lookups.answered + Object.values(main.lookups.failures).reduce((a, b) => a + b, 0),
      answered: main.lookups.answered,
      failures: main.lookups.failures,
      p50Ms: main.lookups.p50Ms,
      p99Ms: main.lookups.p99Ms,
      maxMs: main.lookups.maxMs,
      deadlineMs: run.lookupDeadlineMs,
    },
    dynamoDb: { requestsPerSecond: roundTo(requests / (sampledMs / 1000), 1), byCommand },
    perMessage: {
      phaseSeconds: roundTo(phases.idle.sample.windowMs / 1000, 0),
      perMinutePerSession: run.phaseMessagesPerMinute,
      idleCpuMsPerSecond: roundTo(perSecond(phases.idle.sample), 1),
      ignored: phaseCost(phases.ignored, phases.idle),
      oneToOne: phaseCost(phases.oneToOne, phases.idle),
    },
    storms: run.storms,
    supervisorLog: run.supervisorLog,
  };
}

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS_FILE = path.join(REPO_ROOT, 'bench/results.json');

/** Merges the run into bench/results.json and renders the docs' generated blocks again. */
export async function writeCapacityResults(capacity: CapacityAtClaim): Promise<void> {
  const existing = benchResultsSchema.parse(JSON.parse(await readFile(RESULTS_FILE, 'utf8')));
  const results = benchResultsSchema.parse({ ...existing, capacityAtClaim: capacity });
  await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  await writeBenchDocuments(REPO_ROOT, results);
}
