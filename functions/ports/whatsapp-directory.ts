import type { ContactProfile } from '../domain/contact/contact-profile.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import type { ContactPicture, PictureType } from '../domain/contact/profile-picture.ts';
import type { AppError } from '../domain/errors/app-errors.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';

/** One contact of a batch lookup: its profile, or the error that concerns it alone. */
export type DirectoryBatchItem =
  | { ok: true; profile: ContactProfile }
  | { ok: false; error: AppError };

export interface PictureRequest {
  type: PictureType;
  /** The picture id the caller already holds: answered `unchanged` when it is still current. */
  existingId?: string | undefined;
}

/** A picture lookup's answer; `unchanged` only when the request named the current picture id. */
export type DirectoryPicture = ContactPicture | { jid: string; unchanged: true };

/**
 * Where profiles come from: WhatsApp itself through the user's session (Baileys adapter) or a
 * JSON file (offline directory). Failures are AppErrors: NotFoundError when the contact is not
 * on WhatsApp, SessionUnavailableError, RateLimitedError, UpstreamTimeoutError.
 */
export interface WhatsAppDirectory {
  lookup(
    identity: SessionIdentity,
    contact: ContactQuery,
    signal: AbortSignal,
  ): Promise<ContactProfile>;
  /** The contact's profile picture (never part of `lookup`). Same failures as `lookup`. */
  lookupPicture(
    identity: SessionIdentity,
    contact: ContactQuery,
    request: PictureRequest,
    signal: AbortSignal,
  ): Promise<DirectoryPicture>;
  /**
   * Many contacts at once, one result per contact in order. Throws only when no contact can be
   * looked up (session unavailable); per-contact failures, a spent budget included
   * (RateLimitedError for the contacts beyond it), are items.
   */
  lookupMany(
    identity: SessionIdentity,
    contacts: ContactQuery[],
    signal: AbortSignal,
  ): Promise<DirectoryBatchItem[]>;
  /** Opens the sessions of a shard this process just acquired (adapters holding sockets). */
  openShard?(shard: number): Promise<unknown>;
  /** Closes the sessions of a shard whose lease this process lost (adapters holding sockets). */
  closeShard?(shard: number): Promise<void>;
  close?(): Promise<void>;
}
