import { DynamoDbTokenStore } from '../adapters/dynamodb-token-store.ts';
import type { AwsClients } from '../platform/aws-clients.ts';
import { createLogger } from '../platform/logger.ts';
import { buildProfileDirectHandler } from './build-profile-direct-handler.ts';
import type { ProfileDirectConfig } from './profile-config.ts';
import { TokenTableKnownUsers } from './token-table-known-users.ts';
import { wireContactUseCases } from './wire-contact-use-cases.ts';

/** As long as the authorizer may keep accepting a revoked token. */
const KNOWN_USER_TTL_MS = 60_000;

/** The direct-invocation profile function from its configuration and SDK clients. */
export function createProfileDirectHandler(config: ProfileDirectConfig, clients: AwsClients) {
  const logger = createLogger('contact-profile-direct');
  const lookups = wireContactUseCases(config, clients, logger);
  return buildProfileDirectHandler({
    getContactProfile: lookups.getContactProfile,
    getContactProfiles: lookups.getContactProfiles,
    knownUsers: new TokenTableKnownUsers(
      new DynamoDbTokenStore(clients.dynamoDb, config.TOKENS_TABLE_NAME),
      KNOWN_USER_TTL_MS,
    ),
    logger,
    liveLookupDeadlineMs: config.LIVE_LOOKUP_DEADLINE_MS,
  });
}
