import type { ContactProfile } from '../domain/contact/contact-profile.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';

/** A cached profile as a change notification reads it. */
export interface ChangeableProfile {
  profile: ContactProfile;
  /** Epoch ms of the WhatsApp fetch that produced it. */
  fetchedAt: number;
  /** The stored version: a rewrite applies only while the entry is still this one. */
  etag: string;
  /** Already marked stale by an earlier change. */
  stale: boolean;
}

/** The profile cache's entries, rewritten in place by change notifications. */
export interface ContactChangeCache {
  /** The entry under this contact key, or null when absent, expired or in an older shape. */
  read(identity: SessionIdentity, contact: ContactQuery): Promise<ChangeableProfile | null>;
  /**
   * Replaces the entry's profile, keeping its fetch time and expiry, if it is still `entry`
   * (false when another write came first); `stale` marks it to be fetched on its next read.
   */
  rewrite(
    identity: SessionIdentity,
    contact: ContactQuery,
    entry: ChangeableProfile,
    update: { profile: ContactProfile; stale: boolean; changedAt: number },
  ): Promise<boolean>;
  /**
   * Drops the cached pictures (URLs) of these contact keys fetched before `changedAt`, unless
   * they already show `pictureId`.
   */
  dropPictures(
    identity: SessionIdentity,
    contacts: readonly ContactQuery[],
    pictureId: string,
    changedAt: number,
  ): Promise<void>;
}
