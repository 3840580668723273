import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { WorkerSupervisor } from '../../../functions/local/worker-supervisor.ts';

/** A worker process that dies when told to (by a test or by kill). */
class FakeWorker extends EventEmitter {
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  readonly pid: number;
  constructor(pid: number) {
    super();
    this.pid = pid;
  }
  die(code: number | null, signal: NodeJS.Signals | null = null): void {
    this.exitCode = code;
    this.signalCode = signal;
    this.emit('exit', code, signal);
  }
  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    queueMicrotask(() => this.die(null, signal));
    return true;
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function supervised(restart: boolean) {
  const workers: FakeWorker[] = [];
  const logged: string[] = [];
  const supervisor = new WorkerSupervisor({
    start: async () => {
      const worker = new FakeWorker(100 + workers.length);
      workers.push(worker);
      return worker as unknown as ChildProcess;
    },
    log: (message) => logged.push(message),
    restart,
    initialDelayMs: 5,
    maxDelayMs: 20,
  });
  return { supervisor, workers, logged };
}

describe('WorkerSupervisor', () => {
  it('restarts a worker that keeps dying with a doubling delay, up to the maximum', async () => {
    const { supervisor, workers, logged } = supervised(true);
    await supervisor.start();

    for (let death = 0; death < 4; death++) {
      workers.at(-1)?.die(1);
      await settle(60);
    }
    await supervisor.stop();

    expect(workers).toHaveLength(5);
    expect(supervisor.restarts).toBe(4);
    expect(logged.filter((line) => line.includes('stopped'))).toEqual([
      'session worker (pid 100) stopped: exit code 1; restarting in 5 ms',
      'session worker (pid 101) stopped: exit code 1; restarting in 10 ms',
      'session worker (pid 102) stopped: exit code 1; restarting in 20 ms',
      'session worker (pid 103) stopped: exit code 1; restarting in 20 ms',
    ]);
  });

  it('logs the signal and keeps a dead worker dead when restarts are off', async () => {
    const { supervisor, workers, logged } = supervised(false);
    await supervisor.start();

    workers[0]?.die(null, 'SIGKILL');
    await settle(30);

    expect(workers).toHaveLength(1);
    expect(supervisor.pid).toBeUndefined();
    expect(logged).toEqual(['session worker (pid 100) stopped: signal SIGKILL; not restarting']);
  });

  it('does not restart a worker stopped on purpose', async () => {
    const { supervisor, workers, logged } = supervised(true);
    await supervisor.start();

    await supervisor.stop();
    await settle(30);

    expect(workers).toHaveLength(1);
    expect(logged).toEqual([]);
  });
});
