import { PROFILES_PATH } from '../../api/api-routes.ts';
import { parseContactsBatchBody } from '../../api/contacts-batch-body.ts';
import { JSON_CONTENT_TYPE } from '../../api/error-envelope.ts';
import { invocationDeadline } from '../../api/invocation-deadline.ts';
import { type UserRouteDependencies, userRoute } from '../../api/user-route.ts';
import type { GetContactProfiles } from './get-contact-profiles.ts';
import { batchBodyJson, unexpectedItemErrors } from './profiles-response.ts';

export interface GetProfilesRouteDependencies extends UserRouteDependencies {
  getContactProfiles: GetContactProfiles;
  liveLookupDeadlineMs: number;
}

/** POST /contacts/profiles behind API Gateway: 200 with one item per contact, in order. */
export function createGetProfilesRoute(dependencies: GetProfilesRouteDependencies) {
  const now = dependencies.now ?? Date.now;
  const route = { method: 'POST', path: PROFILES_PATH, logger: dependencies.logger } as const;

  return userRoute(route, async ({ event, context, identity }) => {
    const started = now();
    const { entries, refresh } = parseContactsBatchBody(event.body, event.isBase64Encoded);
    const items = await dependencies.getContactProfiles({
      identity,
      entries,
      refresh,
      deadline: invocationDeadline(started, dependencies.liveLookupDeadlineMs, context),
    });
    for (const error of unexpectedItemErrors(items)) {
      dependencies.logger.error('batch item failed', { error: error as Error });
    }
    dependencies.logger.info('profiles served', {
      contacts: items.length,
      hits: items.filter((item) => item.ok && item.cacheStatus === 'HIT').length,
      failed: items.filter((item) => !item.ok).length,
      tenantId: identity.tenantId,
      durationMs: now() - started,
    });
    return {
      statusCode: 200,
      headers: { 'Content-Type': JSON_CONTENT_TYPE, 'Cache-Control': 'private, no-store' },
      body: batchBodyJson(items, new Date(now())),
    };
  });
}

export type GetProfilesRoute = ReturnType<typeof createGetProfilesRoute>;
