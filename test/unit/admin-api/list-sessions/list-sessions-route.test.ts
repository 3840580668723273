import { describe, expect, it } from 'vitest';
import { listSessionsRoute } from '../../../../functions/admin-api/list-sessions/list-sessions-route.ts';
import { adminContext, adminEvent } from '../../../support/admin-api/admin-events.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';

describe('listSessionsRoute', () => {
  it("lists the sessions of the admin's own tenant in the success envelope", async () => {
    const asked: string[] = [];
    const route = listSessionsRoute({
      listTenantSessions: async (tenantId) => {
        asked.push(tenantId);
        return [{ user: 'alice', status: 'unpaired', jid: null, since: null }];
      },
      logger: silentLogger(),
    });

    const response = await route(adminEvent('GET', '/admin/sessions'), adminContext);

    expect(JSON.parse(response.body)).toEqual({
      success: true,
      data: [{ user: 'alice', status: 'unpaired', jid: null, since: null }],
    });
    expect(asked).toEqual(['acme']);
  });
});
