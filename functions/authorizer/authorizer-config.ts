import * as z from '../domain/validation/zod-mini.ts';
import { environmentValues, parseEnvironment } from '../platform/parse-environment.ts';
import { MAX_TOKEN_CACHE_TTL_SECONDS } from '../resources/runtime-limits.ts';

export const authorizerConfigSchema = z.object({
  TOKENS_TABLE_NAME: environmentValues.name,
  /** How long a token lookup (positive or negative) is kept in memory: a revocation's delay. */
  TOKEN_CACHE_TTL_SECONDS: z._default(
    environmentValues.nonNegativeInt.check(z.maximum(MAX_TOKEN_CACHE_TTL_SECONDS)),
    MAX_TOKEN_CACHE_TTL_SECONDS,
  ),
});

export type AuthorizerConfig = z.output<typeof authorizerConfigSchema>;

export function readAuthorizerConfig(environment: NodeJS.ProcessEnv = process.env) {
  return parseEnvironment(authorizerConfigSchema, environment);
}
