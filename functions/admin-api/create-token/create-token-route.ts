import type { Logger } from '@aws-lambda-powertools/logger';
import { createTokenRequestSchema, parseJsonBody } from '../../api/admin-bodies.ts';
import { adminRoute } from '../admin-route.ts';
import type { CreateUserToken } from './create-user-token.ts';

/** POST /admin/tokens -> 201 with the new token (shown once). */
export function createTokenRoute(dependencies: {
  createUserToken: CreateUserToken;
  logger: Logger;
}) {
  return adminRoute(dependencies.logger, 'create-token', async (event, admin) => {
    const input = parseJsonBody(createTokenRequestSchema, event.body, event.isBase64Encoded);
    return { statusCode: 201, data: await dependencies.createUserToken(admin.tenantId, input) };
  });
}
