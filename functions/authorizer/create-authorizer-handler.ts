import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { isoTimestamp } from '../api/error-envelope.ts';
import { DENY_CONTEXT_KEYS } from '../api/gateway-response-envelopes.ts';
import { headerValue } from '../api/header-value.ts';
import { UnauthorizedError } from '../domain/errors/app-errors.ts';
import type { AuthorizeBearerToken } from './authorize-bearer-token.ts';

function policy(effect: 'Allow' | 'Deny', resource: string) {
  return {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  };
}

/**
 * REQUEST authorizer. Allow carries tenantId/userId/tokenId/role in the context and the tenant's usage
 * key as `usageIdentifierKey` (never logged); Deny carries the
 * message and a fresh ISO timestamp that the ACCESS_DENIED gateway response renders as the
 * contract's 401 envelope. Store failures propagate: API Gateway answers AUTHORIZER_FAILURE.
 */
export function createAuthorizerHandler(dependencies: {
  authorizeBearerToken: AuthorizeBearerToken;
  logger: Logger;
  now?: () => Date;
}) {
  const now = dependencies.now ?? (() => new Date());

  async function authorize(
    event: APIGatewayRequestAuthorizerEvent,
  ): Promise<APIGatewayAuthorizerResult> {
    try {
      const caller = await dependencies.authorizeBearerToken(
        headerValue(event.headers, 'Authorization'),
      );
      return {
        principalId: `${caller.tenantId}/${caller.userId}`,
        policyDocument: policy('Allow', event.methodArn),
        // API Gateway's API key source is AUTHORIZER: the tenant's usage plan counts this request.
        usageIdentifierKey: caller.usageKey,
        context: {
          tenantId: caller.tenantId,
          userId: caller.userId,
          tokenId: caller.tokenId,
          role: caller.role,
        },
      };
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) throw error;
      dependencies.logger.info('request denied', { reason: error.message });
      return {
        principalId: 'anonymous',
        policyDocument: policy('Deny', event.methodArn),
        context: {
          [DENY_CONTEXT_KEYS.message]: error.message,
          [DENY_CONTEXT_KEYS.timestamp]: isoTimestamp(now()),
        },
      };
    }
  }

  return middy<APIGatewayRequestAuthorizerEvent, APIGatewayAuthorizerResult>().handler(authorize);
}
