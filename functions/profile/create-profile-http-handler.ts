import type { AwsClients } from '../platform/aws-clients.ts';
import { createLogger } from '../platform/logger.ts';
import { buildProfileHttpHandler } from './build-profile-http-handler.ts';
import { createProfileLookup } from './create-profile-lookup.ts';
import type { ProfileHttpConfig } from './profile-config.ts';

/** The API Gateway profile function from its configuration and SDK clients. */
export function createProfileHttpHandler(config: ProfileHttpConfig, clients: AwsClients) {
  const logger = createLogger('contact-profile');
  return buildProfileHttpHandler({
    getContactProfile: createProfileLookup(config, clients, logger),
    logger,
    freshSeconds: config.CACHE_FRESH_SECONDS,
    liveLookupDeadlineMs: config.LIVE_LOOKUP_DEADLINE_MS,
  });
}
