import type { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDbPictureCache } from '../adapters/dynamodb-picture-cache.ts';
import { DynamoDbProfileCache } from '../adapters/dynamodb-profile-cache.ts';
import { DynamoDbTokenStore } from '../adapters/dynamodb-token-store.ts';
import { wireWorkerClient } from '../adapters/worker-client/wire-worker-client.ts';
import type { AwsClients } from '../platform/aws-clients.ts';
import { createLogger } from '../platform/logger.ts';
import type {
  ContactsDirectConfig,
  ContactsHttpConfig,
  ContactUseCasesConfig,
} from './contacts-config.ts';
import { createContactsDirectHandler } from './direct/create-contacts-direct-handler.ts';
import {
  createGetContactPicture,
  type GetContactPicture,
} from './get-picture/get-contact-picture.ts';
import { createGetPictureRoute } from './get-picture/get-picture-route.ts';
import {
  createGetContactProfile,
  type GetContactProfile,
} from './get-profile/get-contact-profile.ts';
import { createGetProfileRoute } from './get-profile/get-profile-route.ts';
import {
  createGetContactProfiles,
  type GetContactProfiles,
} from './get-profiles/get-contact-profiles.ts';
import { createGetProfilesRoute } from './get-profiles/get-profiles-route.ts';
import { createContactsHttpHandler } from './http/create-contacts-http-handler.ts';
import { TokenTableKnownUsers } from './token-table-known-users.ts';

export interface ContactUseCases {
  getContactProfile: GetContactProfile;
  getContactPicture: GetContactPicture;
  getContactProfiles: GetContactProfiles;
}

/**
 * The contact use cases on their real adapters, as both contacts functions run them: one
 * worker client (so one reply queue per execution environment) and one cache client for all.
 */
export function wireContactUseCases(
  config: ContactUseCasesConfig,
  clients: AwsClients,
  logger: Logger,
): ContactUseCases {
  // The reader never needs the writer's retention: it only checks the stored hard expiry.
  const cache = new DynamoDbProfileCache({
    client: clients.dynamoDb,
    tableName: config.CACHE_TABLE_NAME,
    retentionSeconds: 0,
  });
  const workerClient = wireWorkerClient(config, clients, {
    onIgnoredReply: () => logger.debug('ignored a late reply'),
  });
  const freshness = {
    freshSeconds: config.CACHE_FRESH_SECONDS,
    staleFallbackAfterMs: config.STALE_FALLBACK_AFTER_MS,
  };
  return {
    getContactProfile: createGetContactProfile({ cache, workerClient, ...freshness }),
    getContactPicture: createGetContactPicture({
      cache: new DynamoDbPictureCache({
        client: clients.dynamoDb,
        tableName: config.CACHE_TABLE_NAME,
        retentionSeconds: 0,
      }),
      workerClient,
      ...freshness,
    }),
    getContactProfiles: createGetContactProfiles({ cache, workerClient, ...freshness }),
  };
}

/** As long as the authorizer may keep accepting a revoked token. */
const KNOWN_USER_TTL_MS = 60_000;

/**
 * The contacts HTTP function (GET /contacts/profile, GET /contacts/profile-picture,
 * POST /contacts/profiles) from its configuration and SDK clients.
 */
export function wireContactsHttpHandler(config: ContactsHttpConfig, clients: AwsClients) {
  const logger = createLogger('contact-profile');
  const useCases = wireContactUseCases(config, clients, logger);
  const shared = {
    logger,
    freshSeconds: config.CACHE_FRESH_SECONDS,
    liveLookupDeadlineMs: config.LIVE_LOOKUP_DEADLINE_MS,
  };
  return createContactsHttpHandler({
    profile: createGetProfileRoute({ getContactProfile: useCases.getContactProfile, ...shared }),
    picture: createGetPictureRoute({ getContactPicture: useCases.getContactPicture, ...shared }),
    profiles: createGetProfilesRoute({
      getContactProfiles: useCases.getContactProfiles,
      ...shared,
    }),
  });
}

/** The contacts direct function (Lambda Invoke, Step Functions, EventBridge). */
export function wireContactsDirectHandler(config: ContactsDirectConfig, clients: AwsClients) {
  const logger = createLogger('contact-profile-direct');
  const useCases = wireContactUseCases(config, clients, logger);
  return createContactsDirectHandler({
    getContactProfile: useCases.getContactProfile,
    getContactProfiles: useCases.getContactProfiles,
    knownUsers: new TokenTableKnownUsers({
      tokens: new DynamoDbTokenStore({
        client: clients.dynamoDb,
        tableName: config.TOKENS_TABLE_NAME,
      }),
      ttlMs: KNOWN_USER_TTL_MS,
    }),
    logger,
    liveLookupDeadlineMs: config.LIVE_LOOKUP_DEADLINE_MS,
  });
}
