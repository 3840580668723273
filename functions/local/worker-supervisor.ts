import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * Keeps the local session worker running as ECS keeps the worker service's task running on AWS:
 * a worker that exits without being asked to (a crash, `kill -9`, an out-of-memory kill) is
 * reported with its exit code or signal and started again, after a delay that doubles while
 * workers keep dying soon after starting (ECS throttles a service whose tasks keep stopping the
 * same way) and returns to the first delay once one has run a while.
 */
export interface WorkerSupervisorOptions {
  /** Spawns a worker and resolves once it reports ready (rejects if it fails to start). */
  start(): Promise<ChildProcess>;
  /** Where the exit and restart lines go (`npm start`: the terminal). */
  log(message: string): void;
  /** Restart a dead worker; false keeps it dead (tests of what a crash alone does). */
  restart: boolean;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A worker that ran this long before dying resets the delay. */
  stableAfterMs?: number;
}

export class WorkerSupervisor {
  readonly #options: Required<WorkerSupervisorOptions>;
  #worker: ChildProcess | undefined;
  #wanted = false;
  #delayMs: number;
  #restartTimer: NodeJS.Timeout | undefined;
  #restarts = 0;

  constructor(options: WorkerSupervisorOptions) {
    this.#options = { initialDelayMs: 500, maxDelayMs: 30_000, stableAfterMs: 60_000, ...options };
    this.#delayMs = this.#options.initialDelayMs;
  }

  /** The running worker's process id; undefined while none runs. */
  get pid(): number | undefined {
    const worker = this.#worker;
    const running = worker && worker.exitCode === null && worker.signalCode === null;
    return running ? worker.pid : undefined;
  }

  /** How many times a dead worker was started again. */
  get restarts(): number {
    return this.#restarts;
  }

  async start(): Promise<void> {
    this.#wanted = true;
    if (this.#worker || this.#restartTimer) return;
    await this.#spawn();
  }

  async stop(): Promise<void> {
    this.#wanted = false;
    clearTimeout(this.#restartTimer);
    this.#restartTimer = undefined;
    const worker = this.#worker;
    this.#worker = undefined;
    // A worker that already exited (or was killed by a signal) has nothing left to stop.
    if (!worker || worker.exitCode !== null || worker.signalCode !== null) return;
    const exited = once(worker, 'exit');
    worker.kill('SIGTERM');
    await exited;
  }

  async #spawn(): Promise<void> {
    const worker = await this.#options.start();
    if (!this.#wanted) {
      worker.kill('SIGTERM');
      return;
    }
    this.#worker = worker;
    const startedAt = Date.now();
    worker.once('exit', (code, signal) => {
      if (this.#worker !== worker) return; // stopped on purpose
      this.#worker = undefined;
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      if (!this.#options.restart) {
        this.#options.log(`session worker (pid ${worker.pid}) stopped: ${how}; not restarting`);
        return;
      }
      if (Date.now() - startedAt >= this.#options.stableAfterMs) {
        this.#delayMs = this.#options.initialDelayMs;
      }
      const delayMs = this.#delayMs;
      this.#delayMs = Math.min(this.#delayMs * 2, this.#options.maxDelayMs);
      this.#options.log(
        `session worker (pid ${worker.pid}) stopped: ${how}; restarting in ${delayMs} ms`,
      );
      this.#scheduleRestart(delayMs);
    });
  }

  #scheduleRestart(delayMs: number): void {
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = undefined;
      if (!this.#wanted) return;
      this.#restarts += 1;
      this.#spawn().then(
        () => this.#options.log(`session worker restarted (pid ${this.pid})`),
        (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          const retryMs = this.#delayMs;
          this.#delayMs = Math.min(this.#delayMs * 2, this.#options.maxDelayMs);
          this.#options.log(`session worker failed to start: ${reason}; retrying in ${retryMs} ms`);
          if (this.#wanted) this.#scheduleRestart(retryMs);
        },
      );
    }, delayMs);
  }
}
