import * as z from '../domain/validation/zod-mini.ts';
import { environmentValues } from '../platform/parse-environment.ts';

/** Baileys' own default: WhatsApp Web's endpoint. */
export const WHATSAPP_WEB_SOCKET_URL = 'wss://web.whatsapp.com/ws/chat';

const milliseconds = (fallback: number) => z._default(environmentValues.positiveInt, fallback);

/**
 * Environment of the Baileys directory, merged into the worker's configuration. Every value is
 * the same locally and on AWS (the socket URL only changes for tests and operators), so these
 * carry defaults; budgets are conservative on purpose.
 */
export const baileysEnvironmentShape = {
  WA_WEBSOCKET_URL: z._default(
    z.pipe(z.string().check(z.regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL')), z.url()),
    WHATSAPP_WEB_SOCKET_URL,
  ),
  /** Live lookups a session may make at once ... */
  WA_LIVE_LOOKUP_BURST: z._default(environmentValues.positiveInt, 10),
  /** ... and how fast that allowance refills. */
  WA_LIVE_LOOKUP_PER_MINUTE: z._default(environmentValues.positiveInt, 10),
  /**
   * Longest wait for one WhatsApp query (the request's deadline still wins), ours and those
   * Baileys sends itself after login.
   */
  WA_QUERY_TIMEOUT_MS: milliseconds(10_000),
  /** Longest a lookup waits for a reconnecting session before 503. */
  WA_CONNECT_WAIT_MS: milliseconds(5_000),
  WA_CONNECT_TIMEOUT_MS: milliseconds(20_000),
  /** Keep-alive ping interval (Baileys' default; whatsmeow pings every 20 to 30 s). */
  WA_KEEPALIVE_INTERVAL_MS: milliseconds(30_000),
  WA_RECONNECT_BASE_MS: milliseconds(1_000),
  WA_RECONNECT_MAX_MS: milliseconds(5 * 60_000),
  /** Retry-After when WhatsApp says rate-overlimit without a backoff of its own. */
  WA_RATE_LIMIT_RETRY_AFTER_SECONDS: z._default(environmentValues.positiveInt, 60),
  /**
   * Sessions a worker connects at once when it opens a shard (its start, a takeover), each
   * after a random delay of up to WA_OPEN_JITTER_MS: a whole task reconnecting is paced.
   * 0: no limit and no delay (every session at once).
   */
  WA_OPEN_CONCURRENCY: z._default(environmentValues.nonNegativeInt, 32),
  WA_OPEN_JITTER_MS: z._default(environmentValues.nonNegativeInt, 250),
  /** How often a worker re-reads an unpaired or logged-out session (to see a fresh pairing). */
  WA_SESSION_RECHECK_MS: milliseconds(30_000),
};

export type BaileysDirectoryConfig = z.output<z.ZodMiniObject<typeof baileysEnvironmentShape>>;
