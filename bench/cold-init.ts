import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ColdStartSample } from './cold-start-probe.ts';
import {
  type CpuBreakdown,
  cpuBreakdown,
  medianBreakdown,
  PHASES,
  type Phase,
} from './cpu-profile-breakdown.ts';
import type { FirstRequestInputs, Invocation } from './lambda-functions.ts';
import { median, roundTo } from './sample-statistics.ts';

const COLD_START_PROBE = path.join(import.meta.dirname, 'cold-start-probe.ts');
/** Fine enough to see a 1 ms package, coarse enough not to double the run. */
const CPU_PROFILE_INTERVAL_US = 250;

export interface ColdStartCandidate {
  name: string;
  file: string;
  invocation: Invocation;
  environment?: Record<string, string>;
  /** Also profiled for the breakdown (the deployed configuration; proposals are only timed). */
  profiled?: boolean;
}

export interface ColdInitResult {
  name: string;
  /** CPU time of the whole cold start (import + first request) over the empty handler's. */
  cpuOverEmptyMs: number;
  /** Of which: the import (module evaluation, configuration, clients) over the empty's. */
  importCpuOverEmptyMs: number;
  firstRequestCpuMs: number;
  /** The same in wall time, from process start; noisier on a shared machine. */
  wallOverEmptyMs: number;
  importWallOverEmptyMs: number;
  firstRequestWallMs: number;
}

export interface ColdInitReport {
  runs: number;
  empty: { cpuMs: number; wallMs: number };
  functions: ColdInitResult[];
  /** Profiled cold starts: CPU ms per phase and place, the empty handler's subtracted. */
  breakdowns: { name: string; breakdown: CpuBreakdown }[];
}

interface ProbeRun {
  file: string;
  event: string;
  env: NodeJS.ProcessEnv;
  profileDir?: string;
}

async function probe(run: ProbeRun, track: (child: ChildProcess) => ChildProcess) {
  const profiling = run.profileDir
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${run.profileDir}`,
        `--cpu-prof-interval=${CPU_PROFILE_INTERVAL_US}`,
      ]
    : [];
  const child = track(
    spawn(process.execPath, [...profiling, COLD_START_PROBE, run.file, run.event], {
      env: run.env,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    }),
  );
  const exited = once(child, 'exit');
  const [sample] = (await Promise.race([
    once(child, 'message'),
    exited.then(() => {
      throw new Error(`the cold-start probe of ${run.file} exited before answering`);
    }),
  ])) as [ColdStartSample];
  await exited;
  return sample;
}

async function profiledProbe(
  run: ProbeRun & { profileDir: string },
  track: (child: ChildProcess) => ChildProcess,
): Promise<CpuBreakdown> {
  await rm(run.profileDir, { recursive: true, force: true });
  await mkdir(run.profileDir, { recursive: true });
  const sample = await probe(run, track);
  const [profileFile] = (await readdir(run.profileDir)).filter((file) =>
    file.endsWith('.cpuprofile'),
  );
  if (!profileFile) throw new Error(`no CPU profile was written for ${run.file}`);
  return cpuBreakdown({
    profileFile: path.join(run.profileDir, profileFile),
    bundleFile: run.file,
    importedAtMonotonicUs: sample.importedAtMonotonicUs,
    cpuMs: sample.cpuMs,
  });
}

/** The function's breakdown less the empty handler's, place by place, in its import phase. */
function overEmpty(candidate: CpuBreakdown, empty: CpuBreakdown): CpuBreakdown {
  const result = structuredClone(candidate);
  const evaluation = result['module evaluation'];
  for (const phase of PHASES) {
    for (const [place, ms] of Object.entries(empty[phase].places)) {
      evaluation.places[place] = (evaluation.places[place] ?? 0) - ms;
      evaluation.totalMs -= ms;
    }
  }
  return result;
}

function rounded(breakdown: CpuBreakdown): CpuBreakdown {
  const result = structuredClone(breakdown);
  for (const phase of PHASES as readonly Phase[]) {
    result[phase].totalMs = roundTo(result[phase].totalMs, 1);
    for (const place of Object.keys(result[phase].places)) {
      const ms = roundTo(result[phase].places[place] ?? 0, 1);
      if (Math.abs(ms) < 0.5) delete result[phase].places[place];
      else result[phase].places[place] = ms;
    }
  }
  return result;
}

/**
 * Cold starts in fresh processes: each candidate bundle is imported and serves its first
 * request, alternating with the empty handler so drift hits all alike; medians over `runs`.
 * Then `profiledRuns` more of each under V8's CPU profiler, for where the time goes.
 */
export async function measureColdInit(options: {
  empty: { file: string };
  candidates: ColdStartCandidate[];
  inputs: FirstRequestInputs;
  env: NodeJS.ProcessEnv;
  runs: number;
  profiledRuns: number;
  profileRoot: string;
  track: (child: ChildProcess) => ChildProcess;
}): Promise<ColdInitReport> {
  const { env, track } = options;
  const events = new Map(
    options.candidates.map((candidate) => [
      candidate.name,
      JSON.stringify(candidate.invocation.event(options.inputs)),
    ]),
  );
  const emptyEvent = JSON.stringify({});
  const checked = async (candidate: ColdStartCandidate, profileDir?: string) => {
    const run = {
      file: candidate.file,
      event: events.get(candidate.name) ?? '{}',
      env: { ...env, ...candidate.environment },
    };
    if (profileDir) return { breakdown: await profiledProbe({ ...run, profileDir }, track) };
    const sample = await probe(run, track);
    try {
      candidate.invocation.check(sample.answer);
    } catch (error) {
      throw new Error(`cold start of ${candidate.name}: ${(error as Error).message}`);
    }
    return { sample };
  };

  const empty: ColdStartSample[] = [];
  const samples = new Map<string, ColdStartSample[]>(
    options.candidates.map((candidate) => [candidate.name, []]),
  );
  for (let run = 0; run < options.runs; run++) {
    empty.push(await probe({ file: options.empty.file, event: emptyEvent, env }, track));
    for (const candidate of options.candidates) {
      const { sample } = await checked(candidate);
      if (sample) samples.get(candidate.name)?.push(sample);
    }
  }

  const emptyProfiles: CpuBreakdown[] = [];
  const profiles = new Map<string, CpuBreakdown[]>(
    options.candidates.filter((each) => each.profiled).map((candidate) => [candidate.name, []]),
  );
  for (let run = 0; run < options.profiledRuns; run++) {
    emptyProfiles.push(
      await profiledProbe(
        {
          file: options.empty.file,
          event: emptyEvent,
          env,
          profileDir: path.join(options.profileRoot, 'empty'),
        },
        track,
      ),
    );
    for (const candidate of options.candidates.filter((each) => each.profiled)) {
      const { breakdown } = await checked(
        candidate,
        path.join(options.profileRoot, candidate.name.replace(/\W+/g, '-')),
      );
      if (breakdown) profiles.get(candidate.name)?.push(breakdown);
    }
  }

  const emptyWall = median(empty.map((sample) => sample.answeredAtMs));
  const emptyCpu = median(empty.map((sample) => sample.cpuMs));
  const emptyBreakdown =
    emptyProfiles.length > 0 ? medianBreakdown(emptyProfiles, median) : undefined;
  return {
    runs: options.runs,
    empty: { cpuMs: roundTo(emptyCpu, 1), wallMs: roundTo(emptyWall, 1) },
    functions: [...samples].map(([name, runs]) => {
      const wall = median(runs.map((sample) => sample.answeredAtMs));
      const importWall = median(runs.map((sample) => sample.importedAtMs));
      const cpu = median(runs.map((sample) => sample.cpuMs));
      const importCpu = median(runs.map((sample) => sample.importCpuMs));
      return {
        name,
        cpuOverEmptyMs: roundTo(cpu - emptyCpu, 1),
        importCpuOverEmptyMs: roundTo(importCpu - emptyCpu, 1),
        firstRequestCpuMs: roundTo(
          median(runs.map((sample) => sample.cpuMs - sample.importCpuMs)),
          1,
        ),
        wallOverEmptyMs: roundTo(wall - emptyWall, 1),
        importWallOverEmptyMs: roundTo(importWall - emptyWall, 1),
        firstRequestWallMs: roundTo(
          median(runs.map((sample) => sample.answeredAtMs - sample.importedAtMs)),
          1,
        ),
      };
    }),
    breakdowns: emptyBreakdown
      ? [...profiles].map(([name, runs]) => ({
          name,
          breakdown: rounded(overEmpty(medianBreakdown(runs, median), emptyBreakdown)),
        }))
      : [],
  };
}
