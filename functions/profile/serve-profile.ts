import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { invocationDeadline } from '../api/invocation-deadline.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import { maskDigits, maskJid } from '../platform/mask-personal-data.ts';
import type { ContactProfileResult, GetContactProfile } from './get-contact-profile.ts';

export interface ServeProfileDependencies {
  getContactProfile: GetContactProfile;
  logger: Logger;
  liveLookupDeadlineMs: number;
  now?: () => number;
}

/**
 * The use case as both entry points call it: the deadline is the configured one or what the
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
