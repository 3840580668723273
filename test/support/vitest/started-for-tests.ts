import { afterAll, beforeAll } from 'vitest';

/**
 * Something started before the tests of the file or describe block that calls this, and
 * stopped after them. The object returned gets its members once the tests run.
 */
export function startedForTests<T extends { stop(): Promise<void> }>(start: () => Promise<T>): T {
  const started = {} as T;
  beforeAll(async () => {
    Object.assign(started, await start());
  });
  afterAll(async () => {
    await started.stop?.();
  });
  return started;
}
