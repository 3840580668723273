import type { WASocket } from 'baileys';
import { reconnectDelayMs } from './reconnect-backoff.ts';
import {
  type SessionConnectionOptions,
  type SessionRole,
  WhatsAppSession,
} from './whatsapp-session.ts';

export interface PairingSessionOptions extends SessionConnectionOptions {
  /** Ask for a pairing code for this number (entered on the phone) instead of showing QR codes. */
  phoneNumber?: string;
  /**
   * Once linked (the first open), keep serving on the same socket, reconnecting with this
   * backoff as a serving session does: the worker pairs this way, so a session it just linked
   * answers lookups at once, with no second connection. Without it, pairing stops at any close.
   */
  serveOnceOpen?: { backoff: { baseMs: number; maxMs: number }; random?: () => number };
}

/**
 * Pairing: the first connection of a session, to link a new device. It connects without paired
 * credentials, hands each QR code (or one pairing code per socket) to `onEvent`, follows the
 * restart WhatsApp asks for right after linking, and stops at any other close before it opened:
 * whoever pairs decides whether to try again. With `serveOnceOpen`, a session that opened goes
 * on serving.
 */
export function createPairingSession(options: PairingSessionOptions): WhatsAppSession {
  const { phoneNumber, serveOnceOpen, ...connection } = options;
  return new WhatsAppSession({ ...connection, role: pairingRole(phoneNumber, serveOnceOpen) });
}

function pairingRole(
  phoneNumber: string | undefined,
  serveOnceOpen: PairingSessionOptions['serveOnceOpen'],
): SessionRole {
  // WhatsApp sends a fresh QR code every ~20 s; one pairing code per socket is enough.
  const pairingCodeRequested = new WeakSet<WASocket>();
  return {
    name: 'pair',
    connectsUnpaired: true,
    onQr(socket, qr, { emit, logger }) {
      if (!phoneNumber) {
        emit({ type: 'qr', qr });
        return;
      }
      if (pairingCodeRequested.has(socket)) return;
      pairingCodeRequested.add(socket);
      socket.requestPairingCode(phoneNumber).then(
        (code) => emit({ type: 'pairing-code', code }),
        (error: unknown) =>
          logger.warn('pairing code request failed', {
            errorMessage: error instanceof Error ? error.message : String(error),
          }),
      );
    },
    reconnectDelayMs: (attempt, { opened }) =>
      opened && serveOnceOpen
        ? reconnectDelayMs(attempt, serveOnceOpen.backoff, serveOnceOpen.random)
        : undefined,
  };
}
