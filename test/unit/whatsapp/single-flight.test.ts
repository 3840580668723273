import { describe, expect, it } from 'vitest';
import { UpstreamTimeoutError } from '../../../functions/domain/errors/app-errors.ts';
import { SingleFlight } from '../../../functions/whatsapp/single-flight.ts';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SingleFlight', () => {
  it('runs concurrent calls for one key once and gives all callers the result', async () => {
    const flights = new SingleFlight<string>();
    const gate = deferred<string>();
    let executions = 0;
    const execute = () => {
      executions += 1;
      return gate.promise;
    };

    const calls = [1, 2, 3].map(() => flights.run('k', new AbortController().signal, execute));
    gate.resolve('profile');

    expect(await Promise.all(calls)).toEqual(['profile', 'profile', 'profile']);
    expect(executions).toBe(1);
  });

  it('runs again once the previous flight finished', async () => {
    const flights = new SingleFlight<number>();
    let executions = 0;
    const execute = async () => ++executions;

    await flights.run('k', new AbortController().signal, execute);
    await flights.run('k', new AbortController().signal, execute);

    expect(executions).toBe(2);
    expect(flights.inFlight).toBe(0);
  });

  it('shares a failure with every caller', async () => {
    const flights = new SingleFlight<string>();
    const gate = deferred<string>();

    const calls = [1, 2].map(() =>
      flights.run('k', new AbortController().signal, () => gate.promise),
    );
    gate.reject(new Error('boom'));

    const results = await Promise.allSettled(calls);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });

  it('lets a caller leave at its deadline while the others keep waiting', async () => {
    const flights = new SingleFlight<string>();
    const gate = deferred<string>();
    const impatient = new AbortController();
    let flightSignal: AbortSignal | undefined;

    const first = flights.run('k', impatient.signal, (signal) => {
      flightSignal = signal;
      return gate.promise;
    });
    const second = flights.run('k', new AbortController().signal, () => gate.promise);
    impatient.abort();
    gate.resolve('profile');

    await expect(first).rejects.toBeInstanceOf(UpstreamTimeoutError);
    await expect(second).resolves.toBe('profile');
    expect(flightSignal?.aborted).toBe(false);
  });

  it('cancels the shared fetch once every caller gave up', async () => {
    const flights = new SingleFlight<string>();
    const caller = new AbortController();
    let flightSignal: AbortSignal | undefined;

    const call = flights.run('k', caller.signal, (signal) => {
      flightSignal = signal;
      return new Promise<string>(() => {});
    });
    await Promise.resolve();
    caller.abort();

    await expect(call).rejects.toBeInstanceOf(UpstreamTimeoutError);
    expect(flightSignal?.aborted).toBe(true);
  });
});
