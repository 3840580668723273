import type { SessionIdentity } from '../domain/session/session-identity.ts';

/** A pairing attempt the API claimed, as the worker carries it out. */
export interface PairingCommand {
  attemptId: string;
  /** The attempt's time limit (epoch ms): the pairing socket closes then. */
  deadline: number;
  /** Digits of the phone to link with a pairing code instead of QR codes. */
  phoneDigits?: string | undefined;
}

/**
 * Control over a user's WhatsApp session itself, on the worker holding its shard: pairing a
 * device and logging it out. The Baileys side holds the sockets; the offline backend has none.
 */
export interface SessionControl {
  /**
   * Starts the attempt's pairing socket and resolves once it is connecting (or the attempt is
   * over: already paired, not reachable). Its QR payloads, pairing code and end are recorded on
   * the attempt. The same attempt again (a redelivered command) changes nothing; another
   * attempt replaces the one under way. Throws SessionUnavailableError when this worker does
   * not hold the session's shard.
   */
  startPairing(identity: SessionIdentity, command: PairingCommand): Promise<void>;
  /**
   * Ends a pairing under way, unlinks a linked device from WhatsApp (within `signal`),
   * deletes the session's credentials and closes its socket. `unlinked`: WhatsApp confirmed
   * the unlink (false: the device was never linked). When WhatsApp could not be reached or did
   * not unlink the device, it throws the mapped AppError and keeps the credentials.
   */
  logOut(identity: SessionIdentity, signal: AbortSignal): Promise<{ unlinked: boolean }>;
}
