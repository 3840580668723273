import type { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDbProfileCache } from '../adapters/dynamodb-profile-cache.ts';
import type { AwsClients } from '../platform/aws-clients.ts';
import { DynamoDbWorkerPresence } from './dynamodb-worker-presence.ts';
import { createGetContactProfile, type GetContactProfile } from './get-contact-profile.ts';
import type { ProfileLookupConfig } from './profile-config.ts';
import { SqsProfileRequester } from './sqs-profile-requester.ts';

/** The use case on its real adapters, as both profile functions run it. */
export function createProfileLookup(
  config: ProfileLookupConfig,
  clients: AwsClients,
  logger: Logger,
): GetContactProfile {
  return createGetContactProfile({
    // The reader never needs the writer's retention: it only checks the stored hard expiry.
    cache: new DynamoDbProfileCache(clients.dynamoDb, config.CACHE_TABLE_NAME, 0),
    requester: new SqsProfileRequester({
      sqs: clients.sqs,
      presence: new DynamoDbWorkerPresence(clients.dynamoDb, config.SESSIONS_TABLE_NAME),
      requestQueueUrls: config.REQUEST_QUEUE_URLS,
      replyQueueNamePrefix: config.REPLY_QUEUE_NAME_PREFIX,
      onIgnoredReply: () => logger.debug('ignored a late reply'),
    }),
    freshSeconds: config.CACHE_FRESH_SECONDS,
    staleFallbackAfterMs: config.STALE_FALLBACK_AFTER_MS,
  });
}
