import * as z from 'zod/mini';
import { createDynamoDbClient } from '../shared/adapters/aws-clients.ts';
import { DynamoDbTokenStore } from '../shared/adapters/dynamodb-token-store.ts';
import { environmentValues, parseEnvironment } from '../shared/config/parse-environment.ts';
import { createLogger } from '../shared/logging/logger.ts';
import { createAuthorizeBearerToken } from './authorize-bearer-token.ts';
import { buildAuthorizerHandler } from './build-authorizer-handler.ts';
import { TokenLookupCache } from './token-lookup-cache.ts';

// Composition root: configuration and clients once per execution environment.
const config = parseEnvironment({
  TOKENS_TABLE_NAME: environmentValues.name,
  TOKEN_CACHE_TTL_SECONDS: z._default(environmentValues.nonNegativeInt.check(z.maximum(60)), 60),
});
const logger = createLogger('contact-profile-authorizer');

export const handler = buildAuthorizerHandler({
  authorizeBearerToken: createAuthorizeBearerToken({
    tokens: new DynamoDbTokenStore(createDynamoDbClient(), config.TOKENS_TABLE_NAME),
    cache: new TokenLookupCache({ ttlMs: config.TOKEN_CACHE_TTL_SECONDS * 1000 }),
  }),
  logger,
});
