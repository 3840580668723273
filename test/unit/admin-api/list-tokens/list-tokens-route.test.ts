import { describe, expect, it } from 'vitest';
import { listTokensRoute } from '../../../../functions/admin-api/list-tokens/list-tokens-route.ts';
import { adminContext, adminEvent } from '../../../support/admin-api/admin-events.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';

function setup() {
  const asked: [string, { user?: string | undefined }][] = [];
  const route = listTokensRoute({
    listUserTokens: async (tenantId, filter) => {
      asked.push([tenantId, filter]);
      return [];
    },
    logger: silentLogger(),
  });
  const call = (query: Record<string, string> | null) =>
    route(
      adminEvent('GET', '/admin/tokens', {
        queryStringParameters: query,
        multiValueQueryStringParameters: query && { user: [query.user ?? ''] },
      }),
      adminContext,
    );
  return { asked, call };
}

describe('listTokensRoute', () => {
  it("lists the admin's own tenant's tokens, for one user when ?user= names one", async () => {
    const { asked, call } = setup();

    const all = await call(null);
    const one = await call({ user: 'alice' });

    expect([all.statusCode, one.statusCode]).toEqual([200, 200]);
    expect(JSON.parse(all.body)).toEqual({ success: true, data: [] });
    expect(asked).toEqual([
      ['acme', {}],
      ['acme', { user: 'alice' }],
    ]);
  });

  it('answers 400 VALIDATION_ERROR for a user name the identifier rules refuse', async () => {
    const { asked, call } = setup();

    const response = await call({ user: 'not a user/../x' });

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ error_code: 'VALIDATION_ERROR' });
    expect(asked).toEqual([]);
  });
});
