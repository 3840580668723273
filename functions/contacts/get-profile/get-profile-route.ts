import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { PROFILE_PATH } from '../../api/api-routes.ts';
import { parseContactQueryString } from '../../api/contact-query-string.ts';
import { httpErrorBackstop, httpErrorEnvelope } from '../../api/error-envelope-middleware.ts';
import { headerValue } from '../../api/header-value.ts';
import { identityFromAuthorizer } from '../../api/identity-from-authorizer.ts';
import { singleValuedParameters } from '../../api/single-valued-parameters.ts';
import { NotFoundError } from '../../domain/errors/app-errors.ts';
import type { GetContactProfile } from './get-contact-profile.ts';
import { createServeProfile } from './get-contact-profile.ts';
import { profileResponse } from './profile-response.ts';

export interface GetProfileRouteDependencies {
  getContactProfile: GetContactProfile;
  logger: Logger;
  freshSeconds: number;
  liveLookupDeadlineMs: number;
  now?: () => number;
}

/**
 * GET /contacts/profile behind API Gateway (REST proxy integration). The authorizer has
 * identified the caller; any other path or method reaching this function is a 404 envelope.
 */
export function createGetProfileRoute(dependencies: GetProfileRouteDependencies) {
  const now = dependencies.now ?? Date.now;
  const serveProfile = createServeProfile(dependencies);

  async function getProfile(
    event: APIGatewayProxyEvent,
    context: Context,
  ): Promise<APIGatewayProxyResult> {
    if (event.resource !== PROFILE_PATH || event.httpMethod !== 'GET') {
      throw new NotFoundError(
        `no route for ${event.httpMethod} ${event.path}; use GET ${PROFILE_PATH}`,
      );
    }
    const identity = identityFromAuthorizer(event.requestContext.authorizer);
    const { contact, refresh } = parseContactQueryString(
      singleValuedParameters(event.queryStringParameters, event.multiValueQueryStringParameters),
    );
    const result = await serveProfile(identity, contact, refresh, context);
    return profileResponse(result, {
      ifNoneMatch: headerValue(event.headers, 'If-None-Match'),
      freshSeconds: dependencies.freshSeconds,
      now: now(),
    });
  }

  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(httpErrorBackstop())
    .use(httpErrorEnvelope(dependencies.logger))
    .handler(getProfile);
}

export type GetProfileRoute = ReturnType<typeof createGetProfileRoute>;
