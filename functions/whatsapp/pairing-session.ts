import type { WASocket } from 'baileys';
import { baileysStanzaTransport } from './baileys-stanza-transport.ts';
import { replyErrorCode } from './map-whatsapp-error.ts';
import { requestPairingCode } from './pairing-code-query.ts';
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
  /** Longest wait for WhatsApp's answer to the pairing-code request (default 20 s). */
  pairingCodeTimeoutMs?: number;
}

/**
 * Pairing: the first connection of a session, to link a new device. It connects without paired
 * credentials, hands each QR code (or one pairing code per socket) to `onEvent`, follows the
 * restart WhatsApp asks for right after linking, and stops at any other close before it opened:
 * whoever pairs decides whether to try again. With `serveOnceOpen`, a session that opened goes
 * on serving.
 */
export function createPairingSession(options: PairingSessionOptions): WhatsAppSession {
  const { phoneNumber, serveOnceOpen, pairingCodeTimeoutMs = 20_000, ...connection } = options;
  return new WhatsAppSession({
    ...connection,
    role: pairingRole(phoneNumber, serveOnceOpen, pairingCodeTimeoutMs),
  });
}

function pairingRole(
  phoneNumber: string | undefined,
  serveOnceOpen: PairingSessionOptions['serveOnceOpen'],
  pairingCodeTimeoutMs: number,
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
      requestPairingCode(baileysStanzaTransport(socket), socket.authState.creds, phoneNumber, {
        queryTimeoutMs: pairingCodeTimeoutMs,
        signal: new AbortController().signal,
      }).then(
        (code) => emit({ type: 'pairing-code', code }),
        (error: unknown) => {
          const code = replyErrorCode(error);
          logger.warn('WhatsApp did not accept the pairing code request', {
            ...(code !== undefined && { code }),
            errorMessage: error instanceof Error ? error.message : String(error),
          });
          emit({ type: 'pairing-code-refused', code });
        },
      );
    },
    reconnectDelayMs: (attempt, { opened }) =>
      opened && serveOnceOpen
        ? reconnectDelayMs(attempt, serveOnceOpen.backoff, serveOnceOpen.random)
        : undefined,
  };
}
