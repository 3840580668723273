import { PROFILE_PATH } from '../../api/api-routes.ts';
import { parseContactQueryString } from '../../api/contact-query-string.ts';
import { headerValue } from '../../api/header-value.ts';
import { singleValuedParameters } from '../../api/single-valued-parameters.ts';
import { userRoute } from '../../api/user-route.ts';
import { createServeProfile, type ServeProfileDependencies } from './get-contact-profile.ts';
import { profileResponse } from './profile-response.ts';

export interface GetProfileRouteDependencies extends ServeProfileDependencies {
  freshSeconds: number;
}

/**
 * GET /contacts/profile behind API Gateway (REST proxy integration). The authorizer has
 * identified the caller; any other path or method reaching this function is a 404 envelope.
 */
export function createGetProfileRoute(dependencies: GetProfileRouteDependencies) {
  const now = dependencies.now ?? Date.now;
  const serveProfile = createServeProfile(dependencies);
  const route = { method: 'GET', path: PROFILE_PATH, logger: dependencies.logger } as const;

  return userRoute(route, async ({ event, context, identity }) => {
    const { contact, refresh } = parseContactQueryString(
      singleValuedParameters(event.queryStringParameters, event.multiValueQueryStringParameters),
    );
    const result = await serveProfile(identity, contact, refresh, context);
    return profileResponse(result, {
      ifNoneMatch: headerValue(event.headers, 'If-None-Match'),
      freshSeconds: dependencies.freshSeconds,
      now: now(),
    });
  });
}

export type GetProfileRoute = ReturnType<typeof createGetProfileRoute>;
