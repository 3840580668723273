import { describe, expect, it } from 'vitest';
import { revokeTokenRoute } from '../../../../functions/admin-api/revoke-token/revoke-token-route.ts';
import { adminContext, adminEvent } from '../../../support/admin-api/admin-events.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';

function setup() {
  const revoked: [string, string][] = [];
  const route = revokeTokenRoute({
    revokeUserToken: async (tenantId, id) => {
      revoked.push([tenantId, id]);
      return { id, revoked_at: '2026-12-08T03:00:00.000Z' };
    },
    logger: silentLogger(),
  });
  const call = (id: string) =>
    route(adminEvent('DELETE', '/admin/tokens/{id}', { pathParameters: { id } }), adminContext);
  return { revoked, call };
}

describe('revokeTokenRoute', () => {
  it("revokes the token of that id in the admin's own tenant", async () => {
    const { revoked, call } = setup();

    const response = await call('tok_0123456789ab');

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).data).toEqual({
      id: 'tok_0123456789ab',
      revoked_at: '2026-12-08T03:00:00.000Z',
    });
    expect(revoked).toEqual([['acme', 'tok_0123456789ab']]);
  });

  it('answers 404 NOT_FOUND for an id that is not a token id, and looks nothing up', async () => {
    const { revoked, call } = setup();

    const response = await call('6f1c7a52-1f0e-4d5b-9a77-2b7f6c0e9d11');

    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ error_code: 'NOT_FOUND' });
    expect(revoked).toEqual([]);
  });
});
