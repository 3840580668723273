import { DynamoDbProfileCache } from '../adapters/dynamodb-profile-cache.ts';
import { DynamoDbTokenStore } from '../adapters/dynamodb-token-store.ts';
import { createDynamoDbClient, createSqsClient } from '../platform/aws-clients.ts';
import { createLogger } from '../platform/logger.ts';
import { buildProfileHandler } from './build-profile-handler.ts';
import { DynamoDbWorkerPresence } from './dynamodb-worker-presence.ts';
import { createGetContactProfile } from './get-contact-profile.ts';
import { readProfileConfig } from './profile-config.ts';
import { SqsProfileRequester } from './sqs-profile-requester.ts';
import { TokenTableKnownUsers } from './token-table-known-users.ts';

// Composition root: configuration and clients once per execution environment.
const config = readProfileConfig();
const logger = createLogger('contact-profile');
const dynamoDb = createDynamoDbClient();
const sqs = createSqsClient();
/** As long as the authorizer may keep accepting a revoked token. */
const KNOWN_USER_TTL_MS = 60_000;

export const handler = buildProfileHandler({
  getContactProfile: createGetContactProfile({
    // The reader never needs the writer's retention: it only checks the stored hard expiry.
    cache: new DynamoDbProfileCache(dynamoDb, config.CACHE_TABLE_NAME, 0),
    requester: new SqsProfileRequester({
      sqs,
      presence: new DynamoDbWorkerPresence(dynamoDb, config.SESSIONS_TABLE_NAME),
      requestQueueUrls: config.REQUEST_QUEUE_URLS,
      replyQueueNamePrefix: config.REPLY_QUEUE_NAME_PREFIX,
      onIgnoredReply: () => logger.debug('ignored a late reply'),
    }),
    freshSeconds: config.CACHE_FRESH_SECONDS,
    staleFallbackAfterMs: config.STALE_FALLBACK_AFTER_MS,
  }),
  knownUsers: new TokenTableKnownUsers(
    new DynamoDbTokenStore(dynamoDb, config.TOKENS_TABLE_NAME),
    KNOWN_USER_TTL_MS,
  ),
  logger,
  freshSeconds: config.CACHE_FRESH_SECONDS,
  liveLookupDeadlineMs: config.LIVE_LOOKUP_DEADLINE_MS,
});
