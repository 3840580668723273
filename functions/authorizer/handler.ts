import { DynamoDbTokenStore } from '../adapters/dynamodb-token-store.ts';
import { createDynamoDbClient } from '../platform/aws-clients.ts';
import { createLogger } from '../platform/logger.ts';
import { parseEnvironment } from '../platform/parse-environment.ts';
import { createAuthorizeBearerToken } from './authorize-bearer-token.ts';
import { authorizerEnvironmentShape } from './authorizer-config.ts';
import { buildAuthorizerHandler } from './build-authorizer-handler.ts';
import { TokenLookupCache } from './token-lookup-cache.ts';

// Composition root: configuration and clients once per execution environment.
const config = parseEnvironment(authorizerEnvironmentShape);
const logger = createLogger('contact-profile-authorizer');

export const handler = buildAuthorizerHandler({
  authorizeBearerToken: createAuthorizeBearerToken({
    tokens: new DynamoDbTokenStore(createDynamoDbClient(), config.TOKENS_TABLE_NAME),
    cache: new TokenLookupCache({ ttlMs: config.TOKEN_CACHE_TTL_SECONDS * 1000 }),
  }),
  logger,
});
