import { reconnectDelayMs } from './reconnect-backoff.ts';
import {
  type SessionConnectionOptions,
  type SessionRole,
  WhatsAppSession,
} from './whatsapp-session.ts';

export interface ServingSessionOptions extends SessionConnectionOptions {
  backoff: { baseMs: number; maxMs: number };
  random?: () => number;
}

/**
 * Serving: a paired session whose socket answers lookups. A session never paired (or logged
 * out) stays idle and answers 503; a paired one is kept connected, reconnecting forever with
 * capped exponential backoff and jitter. QR codes are ignored: linking is pairing's job.
 */
export function createServingSession(options: ServingSessionOptions): WhatsAppSession {
  const { backoff, random, ...connection } = options;
  const role: SessionRole = {
    name: 'serve',
    connectsUnpaired: false,
    onQr: () => undefined,
    reconnectDelayMs: (attempt) => reconnectDelayMs(attempt, backoff, random),
  };
  return new WhatsAppSession({ ...connection, role });
}
