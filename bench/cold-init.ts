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
import { median, roundTo, type Spread, spread } from './sample-statistics.ts';

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
  /** Paired runs: each of this function's cold starts was preceded by one of the empty handler. */
  pairs: number;
  /**
   * CPU time of the whole cold start (import + first request) over the empty handler's: the
   * median of the pairs' differences.
   */
  cpuOverEmptyMs: number;
  /** How those differences spread: quartiles and the median's 95 % confidence interval. */
  cpuOverEmptySpread: Spread;
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
  empty: { cpuMs: number; wallMs: number; cpuSpread: Spread };
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
 * request, each run paired with an empty handler's run just before it; `runs` pairs each.
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
  /** Told after each round of pairs (a full run takes minutes). */
  progress?: (message: string) => void;
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

  // Paired and interleaved: empty, function, empty, function… Each function's cold start is
  // compared with the empty one just before it, so load that drifts over the run (other work
  // on a shared machine) hits both halves of a pair alike; the order of the functions rotates
  // from run to run so none always follows the same neighbour.
  const empty: ColdStartSample[] = [];
  const pairs = new Map<string, { empty: ColdStartSample; sample: ColdStartSample }[]>(
    options.candidates.map((candidate) => [candidate.name, []]),
  );
  for (let run = 0; run < options.runs; run++) {
    const offset = run % options.candidates.length;
    const order = [...options.candidates.slice(offset), ...options.candidates.slice(0, offset)];
    for (const candidate of order) {
      const before = await probe({ file: options.empty.file, event: emptyEvent, env }, track);
      empty.push(before);
      const { sample } = await checked(candidate);
      if (sample) pairs.get(candidate.name)?.push({ empty: before, sample });
    }
    if ((run + 1) % 5 === 0) options.progress?.(`cold init: ${run + 1} of ${options.runs} rounds`);
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
  const pairedMedian = (
    runs: { empty: ColdStartSample; sample: ColdStartSample }[],
    measure: (pair: { empty: ColdStartSample; sample: ColdStartSample }) => number,
  ) => roundTo(median(runs.map(measure)), 1);
  return {
    runs: options.runs,
    empty: {
      cpuMs: roundTo(emptyCpu, 1),
      wallMs: roundTo(emptyWall, 1),
      cpuSpread: spread(empty.map((sample) => sample.cpuMs)),
    },
    functions: [...pairs].map(([name, runs]) => ({
      name,
      pairs: runs.length,
      cpuOverEmptyMs: pairedMedian(runs, (pair) => pair.sample.cpuMs - pair.empty.cpuMs),
      cpuOverEmptySpread: spread(runs.map((pair) => pair.sample.cpuMs - pair.empty.cpuMs)),
      importCpuOverEmptyMs: pairedMedian(
        runs,
        (pair) => pair.sample.importCpuMs - pair.empty.cpuMs,
      ),
      firstRequestCpuMs: pairedMedian(runs, (pair) => pair.sample.cpuMs - pair.sample.importCpuMs),
      wallOverEmptyMs: pairedMedian(
        runs,
        (pair) => pair.sample.answeredAtMs - pair.empty.answeredAtMs,
      ),
      importWallOverEmptyMs: pairedMedian(
        runs,
        (pair) => pair.sample.importedAtMs - pair.empty.answeredAtMs,
      ),
      firstRequestWallMs: pairedMedian(
        runs,
        (pair) => pair.sample.answeredAtMs - pair.sample.importedAtMs,
      ),
    })),
    breakdowns: emptyBreakdown
      ? [...profiles].map(([name, runs]) => ({
          name,
          breakdown: rounded(overEmpty(medianBreakdown(runs, median), emptyBreakdown)),
        }))
      : [],
  };
}
