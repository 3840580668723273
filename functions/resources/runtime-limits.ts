/**
 * Limits the functions enforce on their own configuration at cold start. The CDK deployment
 * settings validate against the same numbers, so a setting that would fail every cold start
 * fails synth instead, naming the setting.
 */

/** The authorizer keeps a validated token in memory at most this long (revocation latency). */
export const MAX_TOKEN_CACHE_TTL_SECONDS = 60;

/** API Gateway gives up after 29 s; a live lookup must answer well before. */
export const MAX_LIVE_LOOKUP_DEADLINE_MS = 25_000;

/** How long a cached profile counts as fresh, shared by the API, the worker and the CDK app. */
export const DEFAULT_CACHE_FRESH_SECONDS = 24 * 3600;

/** How long a stale profile may still be served when a live lookup fails. */
export const DEFAULT_CACHE_MAX_STALE_SECONDS = 7 * 24 * 3600;

/** The reply-queue name prefix the profile function and the sweeper accept. */
export const REPLY_QUEUE_NAME_PREFIX_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * One pairing attempt lasts this long by default: Baileys shows six QR references, the first
 * valid 60 s and each later one 20 s (60 + 5 × 20 = 160 s).
 */
export const DEFAULT_PAIRING_TIME_LIMIT_SECONDS = 160;

/** Pairing attempts a session may start within one hour, by default. */
export const DEFAULT_PAIRING_ATTEMPTS_PER_HOUR = 5;

/** How long POST /session/pair waits for the worker's first QR payload or pairing code. */
export const DEFAULT_PAIRING_FIRST_CODE_WAIT_MS = 8_000;

/** The first-code wait stays well inside API Gateway's 29 s integration limit. */
export const MAX_PAIRING_FIRST_CODE_WAIT_MS = 20_000;

/** How long DELETE /session waits for the worker to confirm the logout, by default. */
export const DEFAULT_SESSION_COMMAND_DEADLINE_MS = 20_000;
