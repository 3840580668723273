import type { AwsClients } from '../platform/aws-clients.ts';
import { createLogger } from '../platform/logger.ts';
import { buildContactsHttpHandler } from './build-contacts-http-handler.ts';
import { buildPictureHttpHandler } from './build-picture-http-handler.ts';
import { buildProfileHttpHandler } from './build-profile-http-handler.ts';
import { buildProfilesBatchHttpHandler } from './build-profiles-batch-http-handler.ts';
import type { ProfileHttpConfig } from './profile-config.ts';
import { wireContactUseCases } from './wire-contact-use-cases.ts';

/** The API Gateway contacts function (profile, picture, batch) from its configuration and clients. */
export function createProfileHttpHandler(config: ProfileHttpConfig, clients: AwsClients) {
  const logger = createLogger('contact-profile');
  const lookups = wireContactUseCases(config, clients, logger);
  const shared = {
    logger,
    freshSeconds: config.CACHE_FRESH_SECONDS,
    liveLookupDeadlineMs: config.LIVE_LOOKUP_DEADLINE_MS,
  };
  return buildContactsHttpHandler({
    profile: buildProfileHttpHandler({ getContactProfile: lookups.getContactProfile, ...shared }),
    picture: buildPictureHttpHandler({ getContactPicture: lookups.getContactPicture, ...shared }),
    profiles: buildProfilesBatchHttpHandler({
      getContactProfiles: lookups.getContactProfiles,
      ...shared,
    }),
  });
}
