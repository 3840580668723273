import { environmentValues } from '../platform/parse-environment.ts';
import { MAX_TOKEN_CACHE_TTL_SECONDS } from '../resources/runtime-limits.ts';

/** The authorizer's environment (validated once at cold start by its handler). */
export const authorizerEnvironmentShape = {
  TOKENS_TABLE_NAME: environmentValues.name,
  TOKEN_CACHE_TTL_SECONDS: environmentValues.nonNegativeInt
    .max(MAX_TOKEN_CACHE_TTL_SECONDS)
    .default(MAX_TOKEN_CACHE_TTL_SECONDS),
};
