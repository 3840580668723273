import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbTenantUsageKeys } from '../adapters/dynamodb-tenant-usage-keys.ts';
import { DynamoDbTokenStore } from '../adapters/dynamodb-token-store.ts';
import { createLogger } from '../platform/logger.ts';
import { createAuthorizeBearerToken } from './authorize-bearer-token.ts';
import type { AuthorizerConfig } from './authorizer-config.ts';
import { createAuthorizerHandler } from './create-authorizer-handler.ts';
import { TokenLookupCache } from './token-lookup-cache.ts';

/** The REQUEST authorizer from its configuration and SDK client. */
export function wireAuthorizerHandler(
  config: AuthorizerConfig,
  clients: { dynamoDb: DynamoDBClient },
) {
  return createAuthorizerHandler({
    authorizeBearerToken: createAuthorizeBearerToken({
      tokens: new DynamoDbTokenStore({
        client: clients.dynamoDb,
        tableName: config.TOKENS_TABLE_NAME,
      }),
      cache: new TokenLookupCache({ ttlMs: config.TOKEN_CACHE_TTL_SECONDS * 1000 }),
      usageKeys: new DynamoDbTenantUsageKeys({
        client: clients.dynamoDb,
        tableName: config.TOKENS_TABLE_NAME,
      }),
    }),
    logger: createLogger('contact-profile-authorizer'),
  });
}
