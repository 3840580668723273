import type { APIGatewayProxyEvent } from 'aws-lambda';
import { allowedContext, proxyEvent } from '../lambda/api-gateway-events.ts';
import { lambdaContext } from '../lambda/lambda-context.ts';

/** An admin route's proxy event, allowed for an admin token of tenant acme. */
export function adminEvent(
  method: string,
  resourcePath: string,
  fields: Partial<APIGatewayProxyEvent> = {},
): APIGatewayProxyEvent {
  return {
    ...proxyEvent({
      resourcePath,
      authorizer: { ...allowedContext({ tenantId: 'acme', userId: 'boss' }), role: 'admin' },
    }),
    httpMethod: method,
    ...fields,
  };
}

export const adminContext = lambdaContext('admin', 10_000);
