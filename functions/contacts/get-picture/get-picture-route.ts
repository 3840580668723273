import { PROFILE_PICTURE_PATH } from '../../api/api-routes.ts';
import { parsePictureQueryString } from '../../api/contact-query-string.ts';
import { headerValue } from '../../api/header-value.ts';
import { invocationDeadline } from '../../api/invocation-deadline.ts';
import { singleValuedParameters } from '../../api/single-valued-parameters.ts';
import { type UserRouteDependencies, userRoute } from '../../api/user-route.ts';
import { maskDigits, maskJid } from '../../platform/mask-personal-data.ts';
import type { GetContactPicture } from './get-contact-picture.ts';
import { knownPictureIdFrom, pictureResponse } from './picture-response.ts';

export interface GetPictureRouteDependencies extends UserRouteDependencies {
  getContactPicture: GetContactPicture;
  freshSeconds: number;
  liveLookupDeadlineMs: number;
}

/** GET /contacts/profile-picture behind API Gateway, as GET /contacts/profile is served. */
export function createGetPictureRoute(dependencies: GetPictureRouteDependencies) {
  const now = dependencies.now ?? Date.now;
  const route = { method: 'GET', path: PROFILE_PICTURE_PATH, logger: dependencies.logger } as const;

  return userRoute(route, async ({ event, context, identity }) => {
    const started = now();
    const { contact, refresh, type } = parsePictureQueryString(
      singleValuedParameters(event.queryStringParameters, event.multiValueQueryStringParameters),
    );
    const ifNoneMatch = headerValue(event.headers, 'If-None-Match');
    const knownPictureId = knownPictureIdFrom(ifNoneMatch);
    const result = await dependencies.getContactPicture({
      identity,
      contact,
      type,
      refresh,
      ...(knownPictureId ? { knownPictureId } : {}),
      deadline: invocationDeadline(started, dependencies.liveLookupDeadlineMs, context),
    });
    dependencies.logger.info('picture served', {
      cache: result.kind === 'unchanged' ? 'UNCHANGED' : result.cacheStatus,
      contact: contact.kind === 'jid' ? maskJid(contact.jid) : maskDigits(contact.digits),
      tenantId: identity.tenantId,
      durationMs: now() - started,
    });
    return pictureResponse(result, {
      ifNoneMatch,
      freshSeconds: dependencies.freshSeconds,
      now: now(),
    });
  });
}

export type GetPictureRoute = ReturnType<typeof createGetPictureRoute>;
