import type { ContactProfile } from '../domain/contact/contact-profile.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import type { ContactPicture, PictureType } from '../domain/contact/profile-picture.ts';
import type { AppError } from '../domain/errors/app-errors.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';

export interface LiveProfile {
  profile: ContactProfile;
  fetchedAt: number;
}

/**
 * Asks the session worker for a live profile and waits for its answer until `deadline`
 * (epoch ms). Throws UpstreamTimeoutError past the deadline, SessionUnavailableError when the
 * worker tier cannot be reached, or the AppError the worker answered with.
 */
export interface ProfileRequester {
  request(
    identity: SessionIdentity,
    contact: ContactQuery,
    options: { deadline: number; refresh: boolean },
  ): Promise<LiveProfile>;
}

/** A live picture answer: the contract's `data`, or `unchanged` when `existingId` still holds. */
export interface LivePicture {
  picture: ContactPicture | { jid: string; unchanged: true };
  fetchedAt: number;
  /** Epoch ms when the picture's URL stops working (its `oe` parameter), when it says. */
  expiresAt?: number;
}

/** Asks the session worker for a contact's picture; fails as ProfileRequester does. */
export interface PictureRequester {
  requestPicture(
    identity: SessionIdentity,
    contact: ContactQuery,
    options: { deadline: number; refresh: boolean; type: PictureType; existingId?: string },
  ): Promise<LivePicture>;
}

/** One contact of a batch: its live profile, or its own error. */
export type LiveBatchItem =
  | { ok: true; profile: ContactProfile; fetchedAt: number }
  | { ok: false; error: AppError };

/**
 * Asks the session worker about many contacts in ONE request; the answer has one item per
 * contact, in order. Throws as ProfileRequester does when the batch as a whole fails.
 */
export interface BatchProfileRequester {
  requestMany(
    identity: SessionIdentity,
    contacts: readonly ContactQuery[],
    options: { deadline: number; refresh: boolean },
  ): Promise<LiveBatchItem[]>;
}
