import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { limitedNodeCommand, processMemory } from '../../../bench/worker-limits.ts';

const LIMITS = { workerCore: 1, benchCore: 0, memoryMb: 2048, heapMb: 1536 };

describe('limitedNodeCommand', () => {
  it('joins the cgroup, then execs Node pinned to the worker core with its heap capped', () => {
    const cgroup = { directory: '/sys/fs/cgroup/memory/x/bench' } as Parameters<
      typeof limitedNodeCommand
    >[1];

    const { command, args, how } = limitedNodeCommand(LIMITS, cgroup, ['host.ts']);

    expect(command).toBe('sh');
    expect(args[1]).toBe(
      'echo $$ > \'/sys/fs/cgroup/memory/x/bench/cgroup.procs\' && exec taskset -c 1 "$@"',
    );
    expect(args.slice(3)).toEqual([process.execPath, '--max-old-space-size=1536', 'host.ts']);
    expect(how).toContain('memory cgroup (v1) limited to 2048 MiB');
  });

  it('says plainly when there is no cgroup to join', () => {
    const { args, how } = limitedNodeCommand(LIMITS, undefined, ['host.ts']);

    expect(args[1]).toBe('exec taskset -c 1 "$@"');
    expect(how).toContain('no memory cgroup');
  });

  it('runs what it starts on the worker core', () => {
    const { command, args } = limitedNodeCommand(LIMITS, undefined, [
      '-e',
      "process.stdout.write(require('node:os').availableParallelism().toString())",
    ]);

    const cores = execFileSync(command, args).toString();

    expect(cores).toBe('1');
  });
});

describe('processMemory', () => {
  it("reads this process's RSS and its peak from /proc", () => {
    const memory = processMemory(process.pid);

    expect(memory?.rssMb).toBeGreaterThan(10);
    expect(memory?.peakRssMb).toBeGreaterThanOrEqual(memory?.rssMb ?? Infinity);
  });

  it('is undefined for a process that does not exist', () => {
    expect(processMemory(2 ** 22 + 1)).toBeUndefined();
  });
});
