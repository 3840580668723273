import type { Logger } from '@aws-lambda-powertools/logger';
import type { WASocket } from 'baileys';

/** What the pairing CLI shows while it waits, and what tests observe. */
export type SessionEvent =
  | { type: 'connecting'; url: string }
  | { type: 'qr'; qr: string }
  | { type: 'pairing-code'; code: string }
  | { type: 'pairing-code-refused'; code: number | undefined } // WhatsApp's error code, if any
  | { type: 'open'; account: string }
  | { type: 'reconnecting'; delayMs: number; statusCode: number | undefined }
  | { type: 'logged-out' }
  | { type: 'closed'; statusCode: number | undefined; reason: string }
  | { type: 'fenced' };

/**
 * What differs between pairing a device and serving a paired one (pairing-session.ts,
 * serving-session.ts); socket, credentials, status, logout and fencing are shared, here.
 */
export interface SessionRole {
  /** Recorded with the session status when the socket opens. */
  readonly name: 'pair' | 'serve';
  /** Whether credentials not paired yet are connected (to link a device) or left idle. */
  readonly connectsUnpaired: boolean;
  /** A QR code WhatsApp sent because this device is not linked yet. */
  onQr(socket: WASocket, qr: string, context: SessionRoleContext): void;
  /**
   * After a close that is neither a logout, nor asked by us, nor the restart WhatsApp asks for
   * right after linking: the delay before reconnecting, or undefined to stop. `opened`: whether
   * this session's socket has opened at least once (a pairing that linked, then serves).
   */
  reconnectDelayMs(attempt: number, session: { opened: boolean }): number | undefined;
}

export interface SessionRoleContext {
  emit(event: SessionEvent): void;
  logger: Logger;
}
