import * as z from 'zod';
import { environmentValues, parseEnvironment } from '../platform/parse-environment.ts';
import {
  DEFAULT_CACHE_FRESH_SECONDS,
  MAX_LIVE_LOOKUP_DEADLINE_MS,
  REPLY_QUEUE_NAME_PREFIX_PATTERN,
} from '../resources/runtime-limits.ts';

/** The profile function's environment. */
export const profileEnvironmentShape = {
  CACHE_TABLE_NAME: environmentValues.name,
  /** Direct invocations check that the (tenant, user) they name holds a token. */
  TOKENS_TABLE_NAME: environmentValues.name,
  SESSIONS_TABLE_NAME: environmentValues.name,
  REQUEST_QUEUE_URLS: environmentValues.urlList,
  REPLY_QUEUE_NAME_PREFIX: z.string().regex(REPLY_QUEUE_NAME_PREFIX_PATTERN),
  LIVE_LOOKUP_DEADLINE_MS: environmentValues.positiveInt
    .max(MAX_LIVE_LOOKUP_DEADLINE_MS)
    .default(10_000),
  CACHE_FRESH_SECONDS: environmentValues.positiveInt.default(DEFAULT_CACHE_FRESH_SECONDS),
  STALE_FALLBACK_AFTER_MS: environmentValues.positiveInt
    .max(MAX_LIVE_LOOKUP_DEADLINE_MS)
    .default(3000),
};

export function readProfileConfig(environment: NodeJS.ProcessEnv = process.env) {
  return parseEnvironment(profileEnvironmentShape, environment);
}
