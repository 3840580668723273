import type { Logger } from '@aws-lambda-powertools/logger';
import { NotFoundError } from '../../domain/errors/app-errors.ts';
import { adminRoute } from '../admin-route.ts';
import type { RevokeUserToken } from './revoke-user-token.ts';

const TOKEN_ID = /^tok_[0-9a-f]{12}$/;

/** DELETE /admin/tokens/{id}. */
export function revokeTokenRoute(dependencies: {
  revokeUserToken: RevokeUserToken;
  logger: Logger;
}) {
  return adminRoute(dependencies.logger, 'revoke-token', async (event, admin) => {
    const id = event.pathParameters?.id ?? '';
    if (!TOKEN_ID.test(id)) throw new NotFoundError('no such token id (tok_ and 12 hex digits)');
    return { data: await dependencies.revokeUserToken(admin.tenantId, id) };
  });
}
