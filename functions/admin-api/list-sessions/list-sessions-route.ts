import type { Logger } from '@aws-lambda-powertools/logger';
import { adminRoute } from '../admin-route.ts';
import type { ListTenantSessions } from './list-tenant-sessions.ts';

/** GET /admin/sessions. */
export function listSessionsRoute(dependencies: {
  listTenantSessions: ListTenantSessions;
  logger: Logger;
}) {
  return adminRoute(dependencies.logger, 'list-sessions', async (_event, admin) => ({
    data: await dependencies.listTenantSessions(admin.tenantId),
  }));
}
