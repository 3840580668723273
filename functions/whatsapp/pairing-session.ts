import type { WASocket } from 'baileys';
import {
  type SessionConnectionOptions,
  type SessionRole,
  WhatsAppSession,
} from './whatsapp-session.ts';

export interface PairingSessionOptions extends SessionConnectionOptions {
  /** Ask for a pairing code for this number (entered on the phone) instead of showing QR codes. */
  phoneNumber?: string;
}

/**
 * Pairing: the first connection of a session, to link a new device. It connects without paired
 * credentials, hands each QR code (or one pairing code per socket) to `onEvent`, follows the
 * restart WhatsApp asks for right after linking, and stops at any other close: whoever pairs
 * (the session CLI today) decides whether to try again.
 */
export function createPairingSession(options: PairingSessionOptions): WhatsAppSession {
  const { phoneNumber, ...connection } = options;
  return new WhatsAppSession({ ...connection, role: pairingRole(phoneNumber) });
}

function pairingRole(phoneNumber: string | undefined): SessionRole {
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
    reconnectDelayMs: () => undefined,
  };
}
