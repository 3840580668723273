import * as z from 'zod/mini';
import {
  DEFAULT_CACHE_FRESH_SECONDS,
  environmentValues,
  parseEnvironment,
} from '../shared/config/parse-environment.ts';

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
      REPLY_QUEUE_NAME_PREFIX: environmentValues.queueNamePrefix,
      LIVE_LOOKUP_DEADLINE_MS: z._default(
        environmentValues.positiveInt.check(z.maximum(MAX_LIVE_LOOKUP_DEADLINE_MS)),
        10_000,
      ),
      CACHE_FRESH_SECONDS: z._default(environmentValues.positiveInt, DEFAULT_CACHE_FRESH_SECONDS),
      STALE_FALLBACK_AFTER_MS: z._default(
        environmentValues.positiveInt.check(z.maximum(MAX_LIVE_LOOKUP_DEADLINE_MS)),
        3000,
      ),
    },
    environment,
  );
}
