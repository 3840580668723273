import * as z from 'zod';
import {
  DEFAULT_CACHE_FRESH_SECONDS,
  environmentValues,
  parseEnvironment,
} from '../platform/parse-environment.ts';

/** API Gateway gives up after 29 s; a live lookup must answer well before. */
const MAX_LIVE_LOOKUP_DEADLINE_MS = 25_000;

export function readProfileConfig(environment: NodeJS.ProcessEnv = process.env) {
  return parseEnvironment(
    {
      CACHE_TABLE_NAME: environmentValues.name,
      /** Direct invocations check that the (tenant, user) they name holds a token. */
      TOKENS_TABLE_NAME: environmentValues.name,
      SESSIONS_TABLE_NAME: environmentValues.name,
      REQUEST_QUEUE_URLS: environmentValues.urlList,
      REPLY_QUEUE_NAME_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
      LIVE_LOOKUP_DEADLINE_MS: environmentValues.positiveInt
        .max(MAX_LIVE_LOOKUP_DEADLINE_MS)
        .default(10_000),
      CACHE_FRESH_SECONDS: environmentValues.positiveInt.default(DEFAULT_CACHE_FRESH_SECONDS),
      STALE_FALLBACK_AFTER_MS: environmentValues.positiveInt
        .max(MAX_LIVE_LOOKUP_DEADLINE_MS)
        .default(3000),
    },
    environment,
  );
}
