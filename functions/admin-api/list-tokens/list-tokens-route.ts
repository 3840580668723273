import type { Logger } from '@aws-lambda-powertools/logger';
import { singleValuedParameters } from '../../api/single-valued-parameters.ts';
import { identifierSchema } from '../../domain/session/identifier-schema.ts';
import { adminRoute } from '../admin-route.ts';
import type { ListUserTokens } from './list-user-tokens.ts';

/** GET /admin/tokens[?user=alice]. */
export function listTokensRoute(dependencies: { listUserTokens: ListUserTokens; logger: Logger }) {
  return adminRoute(dependencies.logger, 'list-tokens', async (event, admin) => {
    const { user } = singleValuedParameters(
      event.queryStringParameters,
      event.multiValueQueryStringParameters,
    );
    const filter = user === undefined ? {} : { user: identifierSchema.parse(user) };
    return { data: await dependencies.listUserTokens(admin.tenantId, filter) };
  });
}
