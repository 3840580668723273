import type { ProfileReplyMessage, ProfileRequestMessage } from '../contracts/shard-messages.ts';
import type { ProfileCache } from '../ports/profile-cache.ts';
import type { WhatsAppDirectory } from '../ports/whatsapp-directory.ts';
import { answerMessage, type RequestOutcome } from './request-failure.ts';

export interface HandleProfileRequestDependencies {
  directory: WhatsAppDirectory;
  cache: ProfileCache;
  now?: () => number;
}

/** What the worker does with one request: a reply to send, or nothing (retry later). */
export type ProfileRequestOutcome = RequestOutcome<ProfileReplyMessage>;

/**
 * Fetches the profile, writes the cache itself (so a reply that arrives too late still warms
 * it), and answers. Known failures (not on WhatsApp, session unavailable, rate limited) are
 * answers; anything else is answered as INTERNAL_ERROR and left for redelivery, so a bounded
 * number of attempts later it lands on the dead-letter queue.
 */
export function createHandleProfileRequest(dependencies: HandleProfileRequestDependencies) {
  const now = dependencies.now ?? Date.now;

  return function handleProfileRequest(
    request: ProfileRequestMessage,
    signal: AbortSignal,
  ): Promise<ProfileRequestOutcome> {
    return answerMessage(request, async (identity) => {
      const profile = await dependencies.directory.lookup(identity, request.contact, signal);
      const fetchedAt = now();
      await dependencies.cache.put(identity, request.contact, profile, fetchedAt);
      return { profile, fetchedAt };
    });
  };
}

export type HandleProfileRequest = ReturnType<typeof createHandleProfileRequest>;
