import type { ContactProfile } from '../domain/contact/contact-profile.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';

export interface CachedProfile {
  /** The profile as stored: JSON text of the response's `data` object, served as-is. */
  profileJson: string;
  /** Epoch milliseconds of the WhatsApp fetch that produced this profile. */
  fetchedAt: number;
  /** Strong validator of `profileJson`. */
  etag: string;
  /** A change notification said the contact changed something it did not carry: not fresh. */
  stale?: boolean;
}

/** The per-user profile cache. A user's entries are never visible to another user. */
export interface ProfileCache {
  /** The entry for this contact, or null when absent or past its hard expiry. */
  get(identity: SessionIdentity, contact: ContactQuery): Promise<CachedProfile | null>;
  /**
   * Stores a fetched profile under its JID (and under the number it was asked by, if any).
   * Newer wins: an older fetch never overwrites a newer one.
   */
  put(
    identity: SessionIdentity,
    askedAs: ContactQuery,
    profile: ContactProfile,
    fetchedAt: number,
  ): Promise<void>;
}

/** Many entries of one session at once (POST /contacts/profiles): one item per contact, in order. */
export interface ProfileCacheBatchReader {
  getMany(
    identity: SessionIdentity,
    contacts: readonly ContactQuery[],
  ): Promise<Array<CachedProfile | null>>;
}
