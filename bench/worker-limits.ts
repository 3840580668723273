import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What keeps the measured worker inside one Fargate task's size on this machine (Linux): the
 * worker runs under `taskset -c <core>` (one CPU, whatever else runs) with V8's old space
 * capped, inside a memory cgroup limited to the task's memory when the machine lets us make
 * one (cgroup v1 as root; the kernel kills the worker past it, there is no swap to spill to);
 * the bench itself and dynalite are pinned to the other core, so their CPU is not the
 * worker's. Process figures come from /proc.
 */

export interface WorkerLimits {
  workerCore: number;
  benchCore: number;
  memoryMb: number;
  /** --max-old-space-size: the task's memory less room for Baileys' buffers and the binary. */
  heapMb: number;
  /**
   * The scheduling priority (nice; negative needs root) the bench sets on itself before it
   * starts dynalite and the worker, which inherit it: on a machine shared with other work, how
   * much of its one core the worker gets when it wants it, as a task's own vCPU gives.
   */
  niceness?: number;
}

/** Pins every thread of `pid` to `core`. */
export function pinProcess(pid: number, core: number): void {
  execFileSync('taskset', ['-a', '-cp', String(core), String(pid)], { stdio: 'ignore' });
}

/** A memory cgroup (v1) of `memoryMb` under this process's own, or undefined where not allowed. */
export function memoryCgroup(memoryMb: number, name: string) {
  const line = readFileSync('/proc/self/cgroup', 'utf8')
    .split('\n')
    .find((entry) => /^\d+:memory:/.test(entry));
  const own = line?.split(':')[2];
  if (own === undefined) return undefined;
  const directory = path.join('/sys/fs/cgroup/memory', own, name);
  try {
    if (!existsSync(directory)) mkdirSync(directory);
    writeFileSync(path.join(directory, 'memory.limit_in_bytes'), String(memoryMb * 1024 ** 2));
  } catch {
    return undefined;
  }
  const read = (file: string) => Number(readFileSync(path.join(directory, file), 'utf8').trim());
  return {
    directory,
    /** Highest memory the cgroup held (its processes' RSS and page cache), MiB. */
    peakMb: () => read('memory.max_usage_in_bytes') / 1024 ** 2,
    /** Times the limit was hit (allocations refused, then reclaim or the OOM killer). */
    limitHits: () => read('memory.failcnt'),
    remove: () => {
      try {
        rmdirSync(directory);
      } catch {
        // Still holds a process; the next run reuses it.
      }
    },
  };
}

export type MemoryCgroup = NonNullable<ReturnType<typeof memoryCgroup>>;

/**
 * The command that starts `nodeArgs` inside the limits: a shell that joins the cgroup, then
 * execs taskset and Node (so the worker's own process is in the cgroup from its first byte).
 */
export function limitedNodeCommand(
  limits: WorkerLimits,
  cgroup: MemoryCgroup | undefined,
  nodeArgs: string[],
): { command: string; args: string[]; how: string } {
  const join = cgroup ? `echo $$ > '${cgroup.directory}/cgroup.procs' && ` : '';
  const node = [process.execPath, `--max-old-space-size=${limits.heapMb}`, ...nodeArgs];
  return {
    command: 'sh',
    args: ['-c', `${join}exec taskset -c ${limits.workerCore} "$@"`, 'sh', ...node],
    how: [
      `worker pinned to core ${limits.workerCore} (taskset -c ${limits.workerCore})`,
      ...(limits.niceness
        ? [`worker, bench and dynalite at priority nice ${limits.niceness} (the machine is shared)`]
        : []),
      `--max-old-space-size=${limits.heapMb}`,
      cgroup
        ? `memory cgroup (v1) limited to ${limits.memoryMb} MiB, no swap`
        : 'no memory cgroup (not allowed here): RSS watched instead',
      `bench, WhatsApp stand-in and dynalite pinned to core ${limits.benchCore}`,
    ].join('; '),
  };
}

/** RSS now and the kernel's high-water mark of it (VmHWM), MiB; undefined once gone. */
export function processMemory(pid: number): { rssMb: number; peakRssMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process used so far, ms; 0 once gone. */
export function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in ticks.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}
