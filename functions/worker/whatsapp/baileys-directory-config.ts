import * as z from 'zod';
import * as zm from 'zod/mini';
import { environmentValues } from '../../shared/config/parse-environment.ts';

/** Baileys' own default: WhatsApp Web's endpoint. */
export const WHATSAPP_WEB_SOCKET_URL = 'wss://web.whatsapp.com/ws/chat';

/**
 * Environment of the Baileys directory, merged into the worker's configuration. Every value is
 * the same locally and on AWS (the socket URL only changes for tests and operators), so these
 * carry defaults; budgets are conservative on purpose.
 */
export const baileysEnvironmentShape = {
  WA_WEBSOCKET_URL: z
    .string()
    .regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL')
    .pipe(z.url())
    .default(WHATSAPP_WEB_SOCKET_URL),
  /** Live lookups a session may make at once ... */
  WA_LIVE_LOOKUP_BURST: zm._default(environmentValues.positiveInt, 10),
  /** ... and how fast that allowance refills. */
  WA_LIVE_LOOKUP_PER_MINUTE: zm._default(environmentValues.positiveInt, 10),
  /** Longest wait for one WhatsApp query (the request's deadline still wins). */
  WA_QUERY_TIMEOUT_MS: zm._default(environmentValues.positiveInt, 10_000),
  /** Longest a lookup waits for a reconnecting session before 503. */
  WA_CONNECT_WAIT_MS: zm._default(environmentValues.positiveInt, 5_000),
  WA_CONNECT_TIMEOUT_MS: zm._default(environmentValues.positiveInt, 20_000),
  WA_RECONNECT_BASE_MS: zm._default(environmentValues.positiveInt, 1_000),
  WA_RECONNECT_MAX_MS: zm._default(environmentValues.positiveInt, 5 * 60_000),
  /** Retry-After when WhatsApp says rate-overlimit without a backoff of its own. */
  WA_RATE_LIMIT_RETRY_AFTER_SECONDS: zm._default(environmentValues.positiveInt, 60),
  /** How often a worker re-reads an unpaired or logged-out session (to see a fresh pairing). */
  WA_SESSION_RECHECK_MS: zm._default(environmentValues.positiveInt, 30_000),
};

export type BaileysDirectoryConfig = z.infer<z.ZodObject<typeof baileysEnvironmentShape>>;
