import { type ContactQuery, contactCacheKey } from '../../domain/contact/contact-query.ts';
import type { AppError } from '../../domain/errors/app-errors.ts';
import type { SessionIdentity } from '../../domain/session/session-identity.ts';
import type { CachedProfile, ProfileCacheBatchReader } from '../../ports/profile-cache.ts';
import type { BatchWorkerClient, LiveBatchItem } from '../../ports/worker-client.ts';
import type { CacheStatus } from '../get-profile/get-contact-profile.ts';
import {
  allowsStaleAnswer,
  createStaleFallback,
  type StaleFallbackRules,
} from '../stale-fallback.ts';

/** One contact of a batch, or the error its entry alone failed with (a malformed jid, say). */
export type BatchEntry = ContactQuery | AppError;

/** One answer of a batch: the profile JSON to serve, or this contact's own error. */
export type BatchProfileResult =
  | { ok: true; profileJson: string; cacheStatus: CacheStatus }
  | { ok: false; error: unknown };

export interface GetContactProfilesRequest {
  identity: SessionIdentity;
  entries: readonly BatchEntry[];
  refresh: boolean;
  deadline: number;
}

export interface GetContactProfilesDependencies extends StaleFallbackRules {
  cache: ProfileCacheBatchReader;
  workerClient: BatchWorkerClient;
}

/**
 * POST /contacts/profiles: the single lookup's rules for many contacts at once. The cache is
 * read in one batch; every contact it cannot answer goes to the worker in ONE request (each
 * distinct contact once); a contact's failure is its own item and never fails the others.
 * When the live fetch fails as a whole, each contact with a cached entry gets it, STALE.
 */
export function createGetContactProfiles(dependencies: GetContactProfilesDependencies) {
  const staleFallback = createStaleFallback(dependencies);

  return async function getContactProfiles(
    request: GetContactProfilesRequest,
  ): Promise<BatchProfileResult[]> {
    const contacts = request.entries.filter((entry): entry is ContactQuery => 'kind' in entry);
    const cachedList =
      contacts.length > 0 ? await dependencies.cache.getMany(request.identity, contacts) : [];
    const cached = new Map<string, CachedProfile>();
    contacts.forEach((contact, index) => {
      const entry = cachedList[index];
      if (entry) cached.set(contactCacheKey(contact), entry);
    });
    const isFresh = (entry: CachedProfile | undefined): boolean =>
      entry !== undefined && staleFallback.isFresh(entry, request.refresh);

    const missing = new Map<string, ContactQuery>();
    for (const contact of contacts) {
      const key = contactCacheKey(contact);
      if (!isFresh(cached.get(key))) missing.set(key, contact);
    }

    const live = new Map<string, LiveBatchItem>();
    let batchError: unknown;
    if (missing.size > 0) {
      const asked = [...missing.entries()];
      const anyCached = asked.some(([key]) => cached.has(key));
      const deadline = staleFallback.liveDeadline(request.deadline, anyCached);
      try {
        const items = await dependencies.workerClient.requestMany(
          request.identity,
          asked.map(([, contact]) => contact),
          { deadline, refresh: request.refresh },
        );
        asked.forEach(([key], index) => {
          const item = items[index];
          if (item) live.set(key, item);
        });
      } catch (error) {
        batchError = error;
      }
    }

    return request.entries.map((entry): BatchProfileResult => {
      if (!('kind' in entry)) return { ok: false, error: entry };
      const key = contactCacheKey(entry);
      const fromCache = cached.get(key);
      if (fromCache && isFresh(fromCache)) {
        return { ok: true, profileJson: fromCache.profileJson, cacheStatus: 'HIT' };
      }
      const item = live.get(key);
      if (item?.ok) {
        return { ok: true, profileJson: JSON.stringify(item.profile), cacheStatus: 'MISS' };
      }
      const error = item ? item.error : batchError;
      if (fromCache && allowsStaleAnswer(error)) {
        return { ok: true, profileJson: fromCache.profileJson, cacheStatus: 'STALE' };
      }
      return { ok: false, error };
    });
  };
}

export type GetContactProfiles = ReturnType<typeof createGetContactProfiles>;
