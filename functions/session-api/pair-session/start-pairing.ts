import { randomUUID } from 'node:crypto';
import { type SessionView, storedStatusView } from '../../api/session-bodies.ts';
import {
  RateLimitedError,
  SessionUnavailableError,
  UpstreamTimeoutError,
  ValidationError,
} from '../../domain/errors/app-errors.ts';
import {
  decidePairingStart,
  isPairingActive,
  type PairingAttempt,
  type PairingLimits,
} from '../../domain/session/pairing-attempt.ts';
import type { SessionIdentity } from '../../domain/session/session-identity.ts';
import type { PairingAttemptStore } from '../../ports/pairing-attempts.ts';
import type { SessionStatusReader } from '../../ports/session-status-reader.ts';
import type { SessionWorkerClient } from '../../ports/worker-client.ts';
import { activeAttemptView, endIfAbandoned } from '../get-session/get-session-status.ts';

/**
 * Retry-After of a pairing-code request WhatsApp refused with rate-overlimit: its refusal carries
 * no backoff the worker records, and a minute is what its QR codes take to turn over too.
 */
const PAIRING_CODE_RETRY_AFTER_SECONDS = 60;

export interface StartPairingDependencies {
  attempts: PairingAttemptStore;
  statuses: SessionStatusReader;
  workerClient: SessionWorkerClient;
  limits: PairingLimits;
  /**
   * How long a new attempt counts as alive before the worker's first sign (it extends
   * `aliveUntil` with every QR payload): a worker that never picks the command up lets the
   * attempt lapse instead of blocking the session until the time limit.
   */
  startGraceMs: number;
  /** Between two reads of the attempt while waiting for its first code. */
  pollIntervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  newAttemptId?: () => string;
}

export interface StartPairingRequest {
  /** Digits of the phone to send a pairing code to; QR codes when absent. */
  phoneDigits?: string;
  /** Epoch ms until which to wait for the worker's first code (then 504). */
  waitUntil: number;
}

export type StartPairing = (
  identity: SessionIdentity,
  request: StartPairingRequest,
) => Promise<SessionView>;

const DEFAULT_POLL_INTERVAL_MS = 250;
/** A lost claim is re-decided at most this many times (another caller won each race). */
const MAX_CLAIM_ROUNDS = 3;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * POST /session/pair. An already paired session answers its paired status. Otherwise the one
 * attempt under way is continued (whichever method it uses), or a new one is claimed (within
 * the hourly limit) and the worker holding the session's shard is asked to open the pairing
 * socket; the answer is the attempt's first QR payload or pairing code, waited for until
 * `waitUntil`.
 */
export function createStartPairing(dependencies: StartPairingDependencies): StartPairing {
  const now = dependencies.now ?? Date.now;
  const sleep = dependencies.sleep ?? defaultSleep;
  const newAttemptId = dependencies.newAttemptId ?? randomUUID;
  const pollIntervalMs = dependencies.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const { attempts, statuses, workerClient } = dependencies;

  async function claimOrJoin(
    identity: SessionIdentity,
    phoneDigits: string | undefined,
  ): Promise<PairingAttempt | SessionView> {
    for (let round = 0; round < MAX_CLAIM_ROUNDS; round++) {
      const [status, latest] = await Promise.all([
        statuses.get(identity),
        attempts.latest(identity),
      ]);
      const at = now();
      if (status.state === 'paired') return storedStatusView(status);
      const decision = decidePairingStart(latest, at, dependencies.limits);
      if (decision.kind === 'continue') return decision.attempt;
      if (decision.kind === 'rate-limited') {
        await endIfAbandoned(attempts, identity, latest, at);
        throw new RateLimitedError(
          `this session started ${dependencies.limits.maxAttemptsPerHour} pairing attempts within the last hour; retry in ${decision.retryAfterSeconds} s`,
          decision.retryAfterSeconds,
        );
      }
      const attempt: PairingAttempt = {
        attemptId: newAttemptId(),
        method: phoneDigits ? 'code' : 'qr',
        state: 'starting',
        startedAt: at,
        endsAt: at + dependencies.limits.timeLimitMs,
        aliveUntil: at + dependencies.startGraceMs,
        recentStarts: decision.recentStarts,
      };
      if (!(await attempts.claim(identity, attempt, latest))) continue;
      try {
        await workerClient.startPairing(identity, {
          attemptId: attempt.attemptId,
          deadline: attempt.endsAt,
          ...(phoneDigits ? { phoneDigits } : {}),
        });
      } catch (error) {
        await attempts.end(identity, attempt.attemptId, 'not_started').catch(() => undefined);
        throw error;
      }
      return attempt;
    }
    throw new SessionUnavailableError(
      'pairing attempts for this session kept replacing each other; try again',
    );
  }

  /** Polls the attempt until it shows a code, links, ends, or `waitUntil` passes. */
  async function untilCode(
    identity: SessionIdentity,
    first: PairingAttempt,
    waitUntil: number,
  ): Promise<SessionView> {
    let attempt: PairingAttempt | null = first;
    for (;;) {
      const at = now();
      if (!attempt) {
        throw new SessionUnavailableError('the pairing attempt is gone; try again');
      }
      if (attempt.state === 'ended') {
        if (attempt.endReason === 'paired') return storedStatusView(await statuses.get(identity));
        if (attempt.endReason === 'rate_limited') {
          throw new RateLimitedError(
            'WhatsApp refused another pairing code for now (rate-overlimit); try again later',
            PAIRING_CODE_RETRY_AFTER_SECONDS,
          );
        }
        if (attempt.endReason === 'code_refused') {
          throw new ValidationError(
            'WhatsApp refused to pair this phone number by code; check that it is the account number, or pair with a QR code',
          );
        }
        throw new SessionUnavailableError(
          attempt.endReason === 'logged_out'
            ? 'the session was logged out while pairing; try again'
            : 'WhatsApp could not be reached to pair; try again',
        );
      }
      if (!isPairingActive(attempt, at)) {
        await endIfAbandoned(attempts, identity, attempt, at);
        throw new SessionUnavailableError('WhatsApp could not be reached to pair; try again');
      }
      const view = activeAttemptView(attempt, at);
      if (view.status !== 'pairing' || view.expiresAt !== undefined) return view;
      if (at >= waitUntil) {
        throw new UpstreamTimeoutError(
          'WhatsApp has not shown a pairing code yet; call POST /session/pair again to continue this attempt',
        );
      }
      await sleep(Math.max(1, Math.min(pollIntervalMs, waitUntil - at)));
      attempt = await attempts.latest(identity);
    }
  }

  return async (identity, request) => {
    const claimed = await claimOrJoin(identity, request.phoneDigits);
    if (!('attemptId' in claimed)) return claimed;
    return untilCode(identity, claimed, request.waitUntil);
  };
}
