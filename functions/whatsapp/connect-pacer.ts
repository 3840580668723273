/**
 * Paces the sessions a worker opens together (its start after a deploy or a crash, a shard
 * taken over from another task): at most `concurrency` of them connect at a time, each after a
 * random delay of up to `jitterMs`, so a whole task reconnecting does not log every session in
 * to WhatsApp, and read every session's keys from DynamoDB, in the same second. A slot is held
 * until the task given to `run` settles (the caller ends it once the session is open or gave
 * up). A lookup that needs a session still queued does not wait for its turn: it opens the
 * session itself.
 */
export interface ConnectPacing {
  /** Sessions connecting at once; 0 or less: no limit (and no jitter). */
  concurrency: number;
  jitterMs: number;
}

export class ConnectPacer {
  readonly #pacing: ConnectPacing;
  readonly #random: () => number;
  readonly #queue: (() => void)[] = [];
  #running = 0;

  constructor(pacing: ConnectPacing, random: () => number = Math.random) {
    this.#pacing = pacing;
    this.#random = random;
  }

  /** Sessions waiting for a slot. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Runs `task` once a slot is free and its jitter has passed; settles as the task does. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#pacing.concurrency <= 0) return task();
    if (this.#running >= this.#pacing.concurrency) {
      await new Promise<void>((resolve) => this.#queue.push(resolve));
    } else {
      this.#running += 1;
    }
    try {
      const jitterMs = Math.round(this.#random() * this.#pacing.jitterMs);
      if (jitterMs > 0) await new Promise((resolve) => setTimeout(resolve, jitterMs));
      return await task();
    } finally {
      // The slot passes to the next waiting session, or is freed.
      const next = this.#queue.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }
}
