import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import {
  parseProfileQuery,
  singleValuedParameters,
} from '../shared/contact/parse-profile-query.ts';
import { NotFoundError } from '../shared/errors/app-errors.ts';
import { PROFILE_PATH } from '../shared/http/api-routes.ts';
import { errorEnvelopeMiddleware } from '../shared/http/error-envelope-middleware.ts';
import { headerValue } from '../shared/http/header-value.ts';
import { maskDigits, maskJid } from '../shared/logging/mask-personal-data.ts';
import type { GetContactProfile } from './get-contact-profile.ts';
import { identityFromAuthorizer } from './identity-from-authorizer.ts';
import { profileResponse } from './profile-response.ts';

export interface ProfileHandlerDependencies {
  getContactProfile: GetContactProfile;
  logger: Logger;
  freshSeconds: number;
  liveLookupDeadlineMs: number;
  now?: () => number;
}

/** Time kept back from the Lambda's own limit so the handler always answers itself. */
const RESPONSE_MARGIN_MS = 500;

export function buildProfileHandler(dependencies: ProfileHandlerDependencies) {
  const now = dependencies.now ?? Date.now;

  async function handleProfileRequest(
    event: APIGatewayProxyEvent,
    context: Context,
  ): Promise<APIGatewayProxyResult> {
    if (event.resource !== PROFILE_PATH || event.httpMethod !== 'GET') {
      throw new NotFoundError(
        `no route for ${event.httpMethod} ${event.path}; use GET ${PROFILE_PATH}`,
      );
    }
    const identity = identityFromAuthorizer(event.requestContext.authorizer);
    const { contact, refresh } = parseProfileQuery(
      singleValuedParameters(event.queryStringParameters, event.multiValueQueryStringParameters),
    );
    const started = now();
    const deadline = Math.min(
      started + dependencies.liveLookupDeadlineMs,
      started + context.getRemainingTimeInMillis() - RESPONSE_MARGIN_MS,
    );
    const result = await dependencies.getContactProfile({ identity, contact, refresh, deadline });
    dependencies.logger.info('profile served', {
      cache: result.cacheStatus,
      contact: contact.kind === 'jid' ? maskJid(contact.jid) : maskDigits(contact.digits),
      tenantId: identity.tenantId,
      durationMs: now() - started,
    });
    return profileResponse(result, {
      ifNoneMatch: headerValue(event.headers, 'If-None-Match'),
      freshSeconds: dependencies.freshSeconds,
      now: now(),
    });
  }

  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(httpErrorHandler({ logger: false }))
    .use(errorEnvelopeMiddleware(dependencies.logger))
    .handler(handleProfileRequest);
}
