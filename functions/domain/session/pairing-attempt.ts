/**
 * One attempt to link a WhatsApp account to a user's session, as the API and the worker share
 * it through the sessions table. The API claims it (one at a time per session, a limited number
 * per hour); the worker holding the session's shard opens the pairing socket and records each
 * QR payload (or the pairing code) on it; the attempt ends when the phone links, the time limit
 * passes, the socket closes, or the user logs out.
 */
export interface PairingAttempt {
  attemptId: string;
  /** QR codes to scan, or one pairing code to type on the phone (for `phone`). */
  method: 'qr' | 'code';
  /**
   * `starting`: claimed, the worker has not shown a code yet; `waiting`: a QR payload or a
   * pairing code is out, waiting for the phone; `linking`: the phone accepted the link and the
   * socket reconnects as WhatsApp asks; `ended`: over (see `endReason`).
   */
  state: 'starting' | 'waiting' | 'linking' | 'ended';
  /** Epoch ms. */
  startedAt: number;
  /** The time limit (epoch ms): the worker closes the pairing socket then. */
  endsAt: number;
  /**
   * Until when (epoch ms) the attempt counts as alive without a new sign from the worker: a
   * worker that died or lost its lease stops refreshing it, and the attempt is over.
   */
  aliveUntil: number;
  /** The current QR payload (secret; removed when the attempt ends). */
  qr?: string;
  /** The pairing code for `method: 'code'` (secret; removed when the attempt ends). */
  pairingCode?: string;
  /** When the current QR payload or pairing code stops being valid (epoch ms). */
  codeExpiresAt?: number;
  endReason?: PairingEndReason;
  /** Start times (epoch ms) of the attempts within the last hour, this one included. */
  recentStarts: number[];
}

export type PairingEndReason =
  | 'paired'
  | 'timed_out'
  | 'closed'
  | 'logged_out'
  | 'lease_lost'
  | 'not_started'
  /** WhatsApp refused to pair by code for this number (e.g. 400 bad-request). */
  | 'code_refused'
  /** WhatsApp refused the pairing-code request with rate-overlimit (429). */
  | 'rate_limited';

export interface PairingLimits {
  /** How long one attempt may last before its socket closes. */
  timeLimitMs: number;
  /** Attempts a session may start within one hour. */
  maxAttemptsPerHour: number;
}

export const PAIRING_WINDOW_MS = 3_600_000;

/**
 * Whether the attempt is still under way at `now`. A `linking` one (the phone accepted the link
 * just before the time limit) lives as long as its worker keeps it alive: the worker gives the
 * reconnect WhatsApp asks for a short grace past the limit.
 */
export function isPairingActive(attempt: PairingAttempt | null, now: number): boolean {
  return (
    attempt !== null &&
    attempt.state !== 'ended' &&
    (now < attempt.endsAt || attempt.state === 'linking') &&
    now < attempt.aliveUntil
  );
}

/** What POST /session/pair does given the session's latest attempt. */
export type PairingStartDecision =
  | { kind: 'continue'; attempt: PairingAttempt }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'start'; recentStarts: number[] };

/**
 * One attempt at a time: an active one is continued. Otherwise a new one starts unless the
 * session already started `maxAttemptsPerHour` within the last hour; then the caller may retry
 * when the oldest of them leaves the window.
 */
export function decidePairingStart(
  latest: PairingAttempt | null,
  now: number,
  limits: PairingLimits,
): PairingStartDecision {
  if (latest && isPairingActive(latest, now)) return { kind: 'continue', attempt: latest };
  const recent = (latest?.recentStarts ?? []).filter((at) => now - at < PAIRING_WINDOW_MS);
  if (recent.length >= limits.maxAttemptsPerHour) {
    const oldest = Math.min(...recent);
    return {
      kind: 'rate-limited',
      retryAfterSeconds: Math.max(1, Math.ceil((oldest + PAIRING_WINDOW_MS - now) / 1000)),
    };
  }
  return { kind: 'start', recentStarts: [...recent, now] };
}
