import { describe, expect, it } from 'vitest';
import { createTokenRoute } from '../../../../functions/admin-api/create-token/create-token-route.ts';
import { adminContext, adminEvent } from '../../../support/admin-api/admin-events.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';

function setup() {
  const created: [string, unknown][] = [];
  const route = createTokenRoute({
    createUserToken: async (tenantId, input) => {
      created.push([tenantId, input]);
      return {
        id: 'tok_0123456789ab',
        user: input.user,
        label: null,
        role: 'user',
        created_at: '2026-12-08T03:00:00.000Z',
        token: '6f1c7a52-1f0e-4d5b-9a77-2b7f6c0e9d11',
      };
    },
    logger: silentLogger(),
  });
  const call = (body: string) => route(adminEvent('POST', '/admin/tokens', { body }), adminContext);
  return { created, call };
}

describe('createTokenRoute', () => {
  it("answers 201 with the new token, made in the admin's own tenant", async () => {
    const { created, call } = setup();

    const response = await call('{"user":"alice"}');

    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body).data.token).toBe('6f1c7a52-1f0e-4d5b-9a77-2b7f6c0e9d11');
    expect(created).toEqual([['acme', { user: 'alice' }]]);
  });

  it('answers 400 VALIDATION_ERROR to a body asking for a role, and makes no token', async () => {
    const { created, call } = setup();

    const response = await call('{"user":"alice","role":"admin"}');

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ error_code: 'VALIDATION_ERROR' });
    expect(created).toEqual([]);
  });
});
