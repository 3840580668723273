import type { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDbPictureCache } from '../adapters/dynamodb-picture-cache.ts';
import { DynamoDbProfileCache } from '../adapters/dynamodb-profile-cache.ts';
import { DynamoDbWorkerPresence } from '../adapters/dynamodb-worker-presence.ts';
import { SqsWorkerClient } from '../adapters/worker-client/sqs-worker-client.ts';
import type { AwsClients } from '../platform/aws-clients.ts';
import { createGetContactPicture, type GetContactPicture } from './get-contact-picture.ts';
import { createGetContactProfile, type GetContactProfile } from './get-contact-profile.ts';
import { createGetContactProfiles, type GetContactProfiles } from './get-contact-profiles.ts';
import type { ContactUseCasesConfig } from './profile-config.ts';

export interface ContactUseCases {
  getContactProfile: GetContactProfile;
  getContactPicture: GetContactPicture;
  getContactProfiles: GetContactProfiles;
}

/**
 * The contact use cases on their real adapters, as the profile functions run them: one
 * workerClient (so one reply queue per execution environment) and one cache client for all.
 */
export function wireContactUseCases(
  config: ContactUseCasesConfig,
  clients: AwsClients,
  logger: Logger,
): ContactUseCases {
  // The reader never needs the writer's retention: it only checks the stored hard expiry.
  const cache = new DynamoDbProfileCache(clients.dynamoDb, config.CACHE_TABLE_NAME, 0);
  const workerClient = new SqsWorkerClient({
    sqs: clients.sqs,
    presence: new DynamoDbWorkerPresence(clients.dynamoDb, config.SESSIONS_TABLE_NAME),
    requestQueueUrls: config.REQUEST_QUEUE_URLS,
    replyQueueNamePrefix: config.REPLY_QUEUE_NAME_PREFIX,
    onIgnoredReply: () => logger.debug('ignored a late reply'),
  });
  const freshness = {
    freshSeconds: config.CACHE_FRESH_SECONDS,
    staleFallbackAfterMs: config.STALE_FALLBACK_AFTER_MS,
  };
  return {
    getContactProfile: createGetContactProfile({ cache, workerClient, ...freshness }),
    getContactPicture: createGetContactPicture({
      cache: new DynamoDbPictureCache(clients.dynamoDb, config.CACHE_TABLE_NAME, 0),
      workerClient,
      ...freshness,
    }),
    getContactProfiles: createGetContactProfiles({ cache, workerClient, ...freshness }),
  };
}
