import { UpstreamTimeoutError } from '../domain/errors/app-errors.ts';

interface Flight<T> {
  result: Promise<T>;
  controller: AbortController;
  callers: Set<AbortSignal>;
}

/**
 * Concurrent requests for the same key share one execution: concurrent cache misses for one
 * (session, contact) cause one fetch from WhatsApp. The shared fetch is cancelled only when
 * every caller waiting for it has given up; each caller still stops at its own deadline.
 */
export class SingleFlight<T> {
  readonly #flights = new Map<string, Flight<T>>();

  get inFlight(): number {
    return this.#flights.size;
  }

  run(key: string, signal: AbortSignal, execute: (signal: AbortSignal) => Promise<T>): Promise<T> {
    let flight = this.#flights.get(key);
    if (!flight) {
      const controller = new AbortController();
      const created: Flight<T> = {
        controller,
        callers: new Set(),
        result: Promise.resolve()
          .then(() => execute(controller.signal))
          .finally(() => {
            if (this.#flights.get(key) === created) this.#flights.delete(key);
          }),
      };
      flight = created;
      this.#flights.set(key, flight);
    }
    return this.#join(flight, signal);
  }

  #join(flight: Flight<T>, signal: AbortSignal): Promise<T> {
    if (signal.aborted)
      return Promise.reject(new UpstreamTimeoutError('the lookup deadline passed'));
    flight.callers.add(signal);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        flight.callers.delete(signal);
        if (flight.callers.size === 0) flight.controller.abort();
        reject(new UpstreamTimeoutError('WhatsApp did not answer in time'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      flight.result.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          flight.callers.delete(signal);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          flight.callers.delete(signal);
          reject(error);
        },
      );
    });
  }
}
