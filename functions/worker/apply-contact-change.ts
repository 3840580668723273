import type { Logger } from '@aws-lambda-powertools/logger';
import {
  applyContactChange as applyToProfile,
  type CarriedValues,
  type ContactChange,
  type ContactChangeField,
} from '../domain/contact/contact-change.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import { maskJid } from '../platform/mask-personal-data.ts';
import type { ContactChangeCache } from '../ports/contact-change-cache.ts';
import type { ContactChangeListener } from '../ports/contact-changes.ts';
import type { ContactEventPublisher } from '../ports/contact-events.ts';

export interface ApplyContactChangeDependencies {
  cache: ContactChangeCache;
  events: ContactEventPublisher;
  logger: Logger;
  now?: () => number;
}

/** What a change did to the session's cache. */
export type ContactChangeOutcome = 'not-cached' | 'unchanged' | 'changed';

/** Rewrites lost to a concurrent write before the change gives up on an entry. */
const REWRITE_ATTEMPTS = 3;

/**
 * Keeps the session's cache true to a change WhatsApp notified: each cached entry of the
 * contact (under its JIDs and its number) gets the carried values in place, or is marked stale
 * when the change carried none; an entry fetched after the change is left as it is. When the
 * picture changed, the contact's cached picture URLs are dropped. One `contact.changed` event
 * tells the tenant, only when a cached entry changed: a contact not in the cache changes nothing
 * and emits nothing.
 */
export function createApplyContactChange(dependencies: ApplyContactChangeDependencies) {
  const now = dependencies.now ?? Date.now;

  return async function applyContactChange(
    identity: SessionIdentity,
    change: ContactChange,
  ): Promise<ContactChangeOutcome> {
    const changedAt = now();
    const contacts = cacheKeysOf(change.jids);
    let found = false;
    let jid: string | undefined;
    const changed = new Set<ContactChangeField>();
    const carried: CarriedValues = {};
    for (const contact of contacts) {
      for (let attempt = 0; attempt < REWRITE_ATTEMPTS; attempt++) {
        const entry = await dependencies.cache.read(identity, contact);
        if (!entry) break;
        found = true;
        // Fetched after the change arrived: it already shows it, or something newer.
        if (entry.fetchedAt >= changedAt) break;
        const applied = applyToProfile(entry.profile, change);
        if (applied.changed.length === 0) break;
        const rewritten = await dependencies.cache.rewrite(identity, contact, entry, {
          profile: applied.profile,
          stale: applied.stale || entry.stale,
          changedAt,
        });
        if (!rewritten) continue;
        jid ??= entry.profile.jid;
        for (const field of applied.changed) changed.add(field);
        Object.assign(carried, applied.carried);
        break;
      }
    }
    if (!jid) return found ? 'unchanged' : 'not-cached';
    if (changed.has('PictureID')) {
      await dependencies.cache.dropPictures(identity, contacts, carried.PictureID ?? '', changedAt);
    }
    dependencies.logger.info('contact change applied to the cache', {
      contact: maskJid(jid),
      changed: [...changed],
    });
    await dependencies.events.publishContactChanged({
      tenant: identity.tenantId,
      user: identity.userId,
      jid,
      changed: [...changed],
      ...(Object.keys(carried).length > 0 && { user_info: carried }),
    });
    return 'changed';
  };
}

export type ApplyContactChange = ReturnType<typeof createApplyContactChange>;

/** The use case as the sessions' sockets call it: failures logged (masked), never thrown. */
export function contactChangeListener(
  applyContactChange: ApplyContactChange,
  logger: Logger,
): ContactChangeListener {
  return {
    async contactChanged(identity, change) {
      try {
        await applyContactChange(identity, change);
      } catch (error) {
        logger.warn('contact change not applied to the cache', {
          contact: change.jids.map(maskJid),
          errorMessage: error instanceof Error ? error.message : String(error),
        });
      }
    },
  };
}

/** The cache keys a contact's entries live under: each JID, and a phone number's digits. */
function cacheKeysOf(jids: readonly string[]): ContactQuery[] {
  const contacts: ContactQuery[] = [];
  for (const jid of new Set(jids)) {
    contacts.push({ kind: 'jid', jid });
    if (jid.endsWith('@s.whatsapp.net')) {
      contacts.push({ kind: 'number', digits: jid.slice(0, jid.indexOf('@')) });
    }
  }
  return contacts;
}
