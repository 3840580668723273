import type { ContactQuery } from '../domain/contact/contact-query.ts';
import { profileEtag } from '../domain/contact/profile-etag.ts';
import {
  ServiceUnavailableError,
  SessionUnavailableError,
  UpstreamTimeoutError,
} from '../domain/errors/app-errors.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import type { ProfileCache } from '../ports/profile-cache.ts';
import type { ProfileRequester } from '../ports/profile-requester.ts';

export type CacheStatus = 'HIT' | 'MISS' | 'STALE';

export interface ContactProfileResult {
  profileJson: string;
  fetchedAt: number;
  etag: string;
  cacheStatus: CacheStatus;
}

export interface GetContactProfileRequest {
  identity: SessionIdentity;
  contact: ContactQuery;
  /** Bypass a fresh cache entry and ask WhatsApp. */
  refresh: boolean;
  /** Epoch ms by which a live lookup must have answered. */
  deadline: number;
}

export interface GetContactProfileDependencies {
  cache: ProfileCache;
  requester: ProfileRequester;
  freshSeconds: number;
  /**
   * With a stale entry at hand, how long the live lookup may take before the stale entry is
   * served instead (the lookup still completes in the worker and refreshes the cache).
   */
  staleFallbackAfterMs: number;
  now?: () => number;
}

/**
 * The use case behind every way of calling the product: a fresh cache entry answers at once;
 * otherwise the session worker fetches live. When the live fetch cannot finish (timeout, worker
 * unavailable), an entry still within its hard expiry is served, marked STALE.
 */
export function createGetContactProfile(dependencies: GetContactProfileDependencies) {
  const now = dependencies.now ?? Date.now;
  const freshMs = dependencies.freshSeconds * 1000;

  return async function getContactProfile(
    request: GetContactProfileRequest,
  ): Promise<ContactProfileResult> {
    const cached = await dependencies.cache.get(request.identity, request.contact);
    if (cached && !request.refresh && now() - cached.fetchedAt < freshMs) {
      return { ...cached, cacheStatus: 'HIT' };
    }
    try {
      const deadline = cached
        ? Math.min(request.deadline, now() + dependencies.staleFallbackAfterMs)
        : request.deadline;
      const live = await dependencies.requester.request(request.identity, request.contact, {
        deadline,
        refresh: request.refresh,
      });
      const profileJson = JSON.stringify(live.profile);
      return {
        profileJson,
        fetchedAt: live.fetchedAt,
        etag: profileEtag(profileJson),
        cacheStatus: 'MISS',
      };
    } catch (error) {
      const transient =
        error instanceof UpstreamTimeoutError ||
        error instanceof SessionUnavailableError ||
        error instanceof ServiceUnavailableError;
      if (cached && transient) return { ...cached, cacheStatus: 'STALE' };
      throw error;
    }
  };
}

export type GetContactProfile = ReturnType<typeof createGetContactProfile>;
