import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { PROFILE_PATH } from '../api/api-routes.ts';
import { type ErrorEnvelope, errorBodyFor } from '../api/error-envelope.ts';
import { errorEnvelopeMiddleware } from '../api/error-envelope-middleware.ts';
import { headerValue } from '../api/header-value.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import {
  parseProfileQuery,
  singleValuedParameters,
} from '../domain/contact/parse-profile-query.ts';
import { NotFoundError, UnauthorizedError, ValidationError } from '../domain/errors/app-errors.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import { maskDigits, maskJid } from '../platform/mask-personal-data.ts';
import type { KnownUsers } from '../ports/known-users.ts';
import type { ContactProfileResult, GetContactProfile } from './get-contact-profile.ts';
import { identityFromAuthorizer } from './identity-from-authorizer.ts';
import {
  directProfileEventSchema,
  isApiGatewayProxyEvent,
  type ProfileFunctionEvent,
  unwrapEventBridgeEvent,
} from './profile-event.ts';
import { profileResponse, successBodyJson } from './profile-response.ts';

export interface ProfileHandlerDependencies {
  getContactProfile: GetContactProfile;
  knownUsers: KnownUsers;
  logger: Logger;
  freshSeconds: number;
  liveLookupDeadlineMs: number;
  now?: () => number;
}

/** The contract's body object, returned as-is to direct (non-HTTP) callers. */
export type ProfileBody = { success: true; data: unknown } | ErrorEnvelope;
export type ProfileFunctionResult = APIGatewayProxyResult | ProfileBody;

/** Time kept back from the Lambda's own limit so the handler always answers itself. */
const RESPONSE_MARGIN_MS = 500;

export function buildProfileHandler(dependencies: ProfileHandlerDependencies) {
  const now = dependencies.now ?? Date.now;
  const { logger } = dependencies;

  async function lookUp(
    identity: SessionIdentity,
    contact: ContactQuery,
    refresh: boolean,
    context: Context,
  ): Promise<ContactProfileResult> {
    const started = now();
    const deadline = Math.min(
      started + dependencies.liveLookupDeadlineMs,
      started + context.getRemainingTimeInMillis() - RESPONSE_MARGIN_MS,
    );
    const result = await dependencies.getContactProfile({ identity, contact, refresh, deadline });
    logger.info('profile served', {
      cache: result.cacheStatus,
      contact: contact.kind === 'jid' ? maskJid(contact.jid) : maskDigits(contact.digits),
      tenantId: identity.tenantId,
      durationMs: now() - started,
    });
    return result;
  }

  async function handleHttp(
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
    const result = await lookUp(identity, contact, refresh, context);
    return profileResponse(result, {
      ifNoneMatch: headerValue(event.headers, 'If-None-Match'),
      freshSeconds: dependencies.freshSeconds,
      now: now(),
    });
  }

  /** Direct invocation: the caller's IAM permission is the authority; no bearer token. */
  async function handleDirect(received: unknown, context: Context): Promise<ProfileBody> {
    const event = unwrapEventBridgeEvent(received);
    if (typeof event !== 'object' || event === null || !('tenantId' in event)) {
      throw new ValidationError(
        'unsupported event: send an API Gateway proxy event or {"tenantId","userId","jid"|"number"}',
      );
    }
    const direct = directProfileEventSchema.parse(event);
    const identity = { tenantId: direct.tenantId, userId: direct.userId };
    logger.info('direct invocation', {
      tenantId: identity.tenantId,
      invokedFunctionArn: context.invokedFunctionArn,
      ...(context.identity ? { cognitoIdentityId: context.identity.cognitoIdentityId } : {}),
      ...(context.clientContext ? { clientContext: context.clientContext.client } : {}),
    });
    const { contact, refresh } = parseProfileQuery({
      ...(direct.jid !== undefined ? { jid: direct.jid } : {}),
      ...(direct.number !== undefined ? { number: direct.number } : {}),
      ...(direct.refresh !== undefined ? { refresh: String(direct.refresh) } : {}),
    });
    if (!(await dependencies.knownUsers.exists(identity))) {
      throw new UnauthorizedError('unknown tenant or user');
    }
    const result = await lookUp(identity, contact, refresh, context);
    return JSON.parse(successBodyJson(result.profileJson)) as ProfileBody;
  }

  async function handleProfileEvent(
    event: ProfileFunctionEvent,
    context: Context,
  ): Promise<ProfileFunctionResult> {
    return isApiGatewayProxyEvent(event)
      ? handleHttp(event, context)
      : handleDirect(event, context);
  }

  return middy<ProfileFunctionEvent, ProfileFunctionResult>()
    .use(httpErrorHandler({ logger: false }))
    .use(errorEnvelopeMiddleware(logger))
    .use({
      // Runs first on error: a direct caller gets the envelope object, not an HTTP response.
      onError: (request) => {
        if (!isApiGatewayProxyEvent(request.event)) {
          request.response = errorBodyFor(request.error);
        }
      },
    })
    .handler(handleProfileEvent);
}
