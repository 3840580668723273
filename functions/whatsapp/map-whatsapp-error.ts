import {
  AppError,
  InternalError,
  NotFoundError,
  RateLimitedError,
  SessionUnavailableError,
  UpstreamTimeoutError,
} from '../domain/errors/app-errors.ts';
import { WhatsAppStanzaError } from './whatsapp-stanza-error.ts';

/** Baileys' connection-level status codes (its DisconnectReason values). */
const CONNECTION_CLOSED_CODES = new Set([401, 403, 411, 428, 440, 500, 503, 515]);
const TIMED_OUT = 408;
/** WhatsApp's reach-out time lock on a stanza (see account-restriction-signals.ts). */
export const REACHOUT_TIMELOCK_ERROR_CODE = 463;

interface BoomLike {
  isBoom: true;
  message: string;
  data?: unknown;
  output?: { statusCode?: number };
}

function isBoom(error: unknown): error is BoomLike {
  return typeof error === 'object' && error !== null && (error as BoomLike).isBoom === true;
}

/** The `<error code>` of a refused reply, whichever way it was thrown; undefined otherwise. */
export function replyErrorCode(error: unknown): number | undefined {
  if (error instanceof WhatsAppStanzaError) return error.code;
  if (isBoom(error) && typeof error.data === 'number' && error.data > 0) return error.data;
  return undefined;
}

/**
 * Turns whatever a WhatsApp query threw into the contract's errors. Baileys throws Boom errors:
 * a reply's `<error code>` arrives as `data`, connection trouble as the Boom status code.
 */
export function mapWhatsAppError(error: unknown, rateLimitRetryAfterSeconds: number): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof WhatsAppStanzaError) {
    return fromReplyCode(error.code, error.backoffSeconds ?? rateLimitRetryAfterSeconds);
  }
  if (isBoom(error)) {
    if (typeof error.data === 'number' && error.data > 0) {
      return fromReplyCode(error.data, rateLimitRetryAfterSeconds);
    }
    const status = error.output?.statusCode ?? 0;
    if (status === TIMED_OUT) return new UpstreamTimeoutError('WhatsApp did not answer in time');
    if (CONNECTION_CLOSED_CODES.has(status)) {
      return new SessionUnavailableError(
        'the WhatsApp session is not connected; try again shortly',
      );
    }
  }
  return new InternalError('the WhatsApp lookup failed');
}

function fromReplyCode(code: number, retryAfterSeconds: number): AppError {
  switch (code) {
    case 429:
      return new RateLimitedError(
        'WhatsApp asked us to slow down (rate-overlimit)',
        retryAfterSeconds,
      );
    case 404:
      return new NotFoundError('the contact is not on WhatsApp');
    case REACHOUT_TIMELOCK_ERROR_CODE:
      // Reached only where no session acts on it (account-health.ts does for lookups).
      return new RateLimitedError(
        "WhatsApp has time-locked this session's account (reachout_timelock); try again later",
        retryAfterSeconds,
      );
    case 401:
      return new SessionUnavailableError('WhatsApp refused this session; re-pair this session');
    case TIMED_OUT:
      return new UpstreamTimeoutError('WhatsApp did not answer in time');
    default:
      return new InternalError('the WhatsApp lookup failed');
  }
}
