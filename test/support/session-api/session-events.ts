import type { APIGatewayProxyEvent } from 'aws-lambda';
import { allowedContext, proxyEvent } from '../lambda/api-gateway-events.ts';
import { fixedLambdaContext } from '../lambda/lambda-context.ts';

/** The clock the session route tests stop at. */
export const NOW = Date.parse('2026-06-15T12:00:00Z');
export const ALICE = { tenantId: 'acme', userId: 'alice' };

/** A session-route proxy event from alice (or the given authorizer context, null for none). */
export function sessionEvent(
  method: string,
  resource: string,
  options: { body?: string | null; authorizer?: Record<string, string> | null } = {},
): APIGatewayProxyEvent {
  const event = proxyEvent({
    resourcePath: resource,
    authorizer: options.authorizer === undefined ? allowedContext(ALICE) : options.authorizer,
  });
  return { ...event, httpMethod: method, body: options.body ?? null };
}

/** The session function's context, 25 s left. */
export const sessionContext = fixedLambdaContext('session', 25_000);
