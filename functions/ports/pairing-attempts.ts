import type { PairingAttempt, PairingEndReason } from '../domain/session/pairing-attempt.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';

/** What the worker records while an attempt runs; every change also extends `aliveUntil`. */
export type PairingProgress =
  | { state: 'waiting'; qr: string; codeExpiresAt: number; aliveUntil: number }
  | { state: 'waiting'; pairingCode: string; codeExpiresAt: number; aliveUntil: number }
  | { state: 'linking'; aliveUntil: number }
  | { aliveUntil: number };

/**
 * The session's latest pairing attempt, shared by the API (which claims attempts and reads their
 * QR payloads) and the worker (which records progress and ends them). Every write names the
 * attempt it is about: a write for an attempt that is no longer the latest changes nothing.
 */
export interface PairingAttemptStore {
  /** The latest attempt, active or ended (strongly consistent), or null for none. */
  latest(identity: SessionIdentity): Promise<PairingAttempt | null>;
  /**
   * Makes `attempt` the latest, only if the latest is still `replacing` (null: there was none).
   * False when another claim got there first.
   */
  claim(
    identity: SessionIdentity,
    attempt: PairingAttempt,
    replacing: PairingAttempt | null,
  ): Promise<boolean>;
  /** Records progress; false when the attempt has ended or is no longer the latest. */
  progress(
    identity: SessionIdentity,
    attemptId: string,
    progress: PairingProgress,
  ): Promise<boolean>;
  /**
   * Ends the attempt and deletes its QR payload and pairing code. Does nothing when it already
   * ended or is no longer the latest.
   */
  end(identity: SessionIdentity, attemptId: string, reason: PairingEndReason): Promise<void>;
}
