import {
  ServiceUnavailableError,
  SessionUnavailableError,
  UpstreamTimeoutError,
} from '../domain/errors/app-errors.ts';

/**
 * The rules the contact use cases (profile, picture, batch) share about their cache: an entry is
 * fresh within `freshSeconds` unless the caller asks to refresh; with an entry at hand the live
 * fetch gets only `staleFallbackAfterMs` before the entry is served STALE instead, and only a
 * failure that says nothing about the contact (a timeout, the session or our own service
 * unavailable) lets it be served so. `now` is the clock ages are read on (tests pin it).
 */
export interface StaleFallbackRules {
  freshSeconds: number;
  staleFallbackAfterMs: number;
  now?: () => number;
}

export function createStaleFallback(rules: StaleFallbackRules) {
  const now = rules.now ?? Date.now;
  const freshMs = rules.freshSeconds * 1000;
  return {
    /** Whether a cached entry answers without asking WhatsApp (never one marked stale). */
    isFresh(entry: { fetchedAt: number; stale?: boolean }, refresh: boolean): boolean {
      return !refresh && !entry.stale && now() - entry.fetchedAt < freshMs;
    },
    /** The live fetch's deadline: the request's, or sooner when a cached entry can stand in. */
    liveDeadline(requestDeadline: number, cachedAtHand: boolean): number {
      return cachedAtHand
        ? Math.min(requestDeadline, now() + rules.staleFallbackAfterMs)
        : requestDeadline;
    },
  };
}

/** Whether a live fetch's failure lets a cached entry be served STALE. */
export function allowsStaleAnswer(error: unknown): boolean {
  return (
    error instanceof UpstreamTimeoutError ||
    error instanceof SessionUnavailableError ||
    error instanceof ServiceUnavailableError
  );
}
