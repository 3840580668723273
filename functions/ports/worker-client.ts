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
 * The worker client, as each use case needs it: what the API functions use to send anything to
 * the session worker that holds the session's shard and wait for its reply.
 *
 * Asks the session worker for a live profile and waits for its answer until `deadline`
 * (epoch ms). Throws UpstreamTimeoutError past the deadline, SessionUnavailableError when no
 * worker serves the session, ServiceUnavailableError when the worker tier cannot be reached,
 * or the AppError the worker answered with.
 */
export interface ProfileWorkerClient {
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

/** Asks the session worker for a contact's picture; fails as ProfileWorkerClient does. */
export interface PictureWorkerClient {
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
 * contact, in order. Throws as ProfileWorkerClient does when the batch as a whole fails.
 */
export interface BatchWorkerClient {
  requestMany(
    identity: SessionIdentity,
    contacts: readonly ContactQuery[],
    options: { deadline: number; refresh: boolean },
  ): Promise<LiveBatchItem[]>;
}

/**
 * The session API's commands to the worker that holds the session's shard (only it has the
 * session's socket). Both fail with SessionUnavailableError when no worker serves the shard and
 * ServiceUnavailableError when the queue cannot be reached.
 */
export interface SessionWorkerClient {
  /** Asks the worker to open the pairing socket for a claimed attempt; does not wait. */
  startPairing(
    identity: SessionIdentity,
    command: { attemptId: string; deadline: number; phoneDigits?: string },
  ): Promise<void>;
  /**
   * Asks the worker to log the session out and waits for it until `deadline` (then
   * UpstreamTimeoutError). `unlinked`: whether WhatsApp confirmed removing the device.
   */
  logOut(identity: SessionIdentity, options: { deadline: number }): Promise<{ unlinked: boolean }>;
}

/** Everything the worker client does (SqsWorkerClient implements it). */
export type WorkerClient = ProfileWorkerClient &
  PictureWorkerClient &
  BatchWorkerClient &
  SessionWorkerClient;
