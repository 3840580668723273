import type { Context } from 'aws-lambda';
import { invocationDeadline } from '../../api/invocation-deadline.ts';
import type { UserRouteDependencies } from '../../api/user-route.ts';
import type { ContactQuery } from '../../domain/contact/contact-query.ts';
import { profileEtag } from '../../domain/contact/profile-etag.ts';
import type { SessionIdentity } from '../../domain/session/session-identity.ts';
import { maskDigits, maskJid } from '../../platform/mask-personal-data.ts';
import type { ProfileCache } from '../../ports/profile-cache.ts';
import type { ProfileWorkerClient } from '../../ports/worker-client.ts';
import {
  allowsStaleAnswer,
  createStaleFallback,
  type StaleFallbackRules,
} from '../stale-fallback.ts';

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

export interface GetContactProfileDependencies extends StaleFallbackRules {
  cache: ProfileCache;
  workerClient: ProfileWorkerClient;
}

/**
 * The use case behind every way of calling the product: a fresh cache entry answers at once;
 * otherwise the session worker fetches live. When the live fetch cannot finish (timeout, worker
 * unavailable), an entry still within its hard expiry is served, marked STALE.
 */
export function createGetContactProfile(dependencies: GetContactProfileDependencies) {
  const staleFallback = createStaleFallback(dependencies);

  return async function getContactProfile(
    request: GetContactProfileRequest,
  ): Promise<ContactProfileResult> {
    const cached = await dependencies.cache.get(request.identity, request.contact);
    if (cached && staleFallback.isFresh(cached, request.refresh)) {
      return { ...cached, cacheStatus: 'HIT' };
    }
    try {
      const deadline = staleFallback.liveDeadline(request.deadline, cached !== null);
      const live = await dependencies.workerClient.request(request.identity, request.contact, {
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
      if (cached && allowsStaleAnswer(error)) return { ...cached, cacheStatus: 'STALE' };
      throw error;
    }
  };
}

export type GetContactProfile = ReturnType<typeof createGetContactProfile>;

export interface ServeProfileDependencies extends UserRouteDependencies {
  getContactProfile: GetContactProfile;
  liveLookupDeadlineMs: number;
}

/**
 * The use case as both entry points (GET /contacts/profile and the direct function) call it: the deadline is the configured one or what the
 * invocation has left (less a margin), whichever comes first; each lookup is logged masked.
 */
export function createServeProfile(dependencies: ServeProfileDependencies) {
  const now = dependencies.now ?? Date.now;
  return async function serveProfile(
    identity: SessionIdentity,
    contact: ContactQuery,
    refresh: boolean,
    context: Context,
  ): Promise<ContactProfileResult> {
    const started = now();
    const deadline = invocationDeadline(started, dependencies.liveLookupDeadlineMs, context);
    const result = await dependencies.getContactProfile({ identity, contact, refresh, deadline });
    dependencies.logger.info('profile served', {
      cache: result.cacheStatus,
      contact: contact.kind === 'jid' ? maskJid(contact.jid) : maskDigits(contact.digits),
      tenantId: identity.tenantId,
      durationMs: now() - started,
    });
    return result;
  };
}

export type ServeProfile = ReturnType<typeof createServeProfile>;
