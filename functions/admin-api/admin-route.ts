import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { adminFromAuthorizer } from '../api/admin-caller.ts';
import { JSON_CONTENT_TYPE } from '../api/error-envelope.ts';
import { httpRoute } from '../api/http-route.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';

/** What an admin operation answers: the `data` of the success envelope, and its status. */
export interface AdminAnswer {
  statusCode?: number;
  data: unknown;
}

/**
 * The thin middy handler every admin route is: the one error envelope, the admin check (a user
 * token is 403 FORBIDDEN before anything is read), then the operation for the admin's own
 * tenant, its answer in `{"success": true, "data": ...}`.
 */
export function adminRoute(
  logger: Logger,
  name: string,
  operation: (event: APIGatewayProxyEvent, admin: SessionIdentity) => Promise<AdminAnswer>,
) {
  async function route(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
    const admin = adminFromAuthorizer(event.requestContext.authorizer);
    const answer = await operation(event, admin);
    logger.info('admin operation', { operation: name, tenantId: admin.tenantId });
    return {
      statusCode: answer.statusCode ?? 200,
      headers: { 'Content-Type': JSON_CONTENT_TYPE, 'Cache-Control': 'no-store' },
      body: JSON.stringify({ success: true, data: answer.data }),
    };
  }
  return httpRoute(logger, route);
}

export type AdminRouteHandler = ReturnType<typeof adminRoute>;
