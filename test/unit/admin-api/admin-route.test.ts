import { describe, expect, it } from 'vitest';
import { adminRoute } from '../../../functions/admin-api/admin-route.ts';
import { allowedContext, proxyEvent } from '../../support/lambda/api-gateway-events.ts';
import { lambdaContext } from '../../support/lambda/lambda-context.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';

function setup() {
  const calls: string[] = [];
  const route = adminRoute(silentLogger(), 'test', async (_event, admin) => {
    calls.push(admin.tenantId);
    return { statusCode: 201, data: { ok: true } };
  });
  const call = (authorizer: Record<string, string> | null) =>
    route(
      proxyEvent({ resourcePath: '/admin/tokens', authorizer }),
      lambdaContext('admin', 10_000),
    );
  return { calls, call };
}

describe('adminRoute', () => {
  it('runs the operation for an admin token, on its own tenant, in the success envelope', async () => {
    const { calls, call } = setup();

    const response = await call({
      ...allowedContext({ tenantId: 'acme', userId: 'boss' }),
      role: 'admin',
    });

    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body)).toEqual({ success: true, data: { ok: true } });
    expect(calls).toEqual(['acme']);
  });

  it.each([
    ['a user token', { role: 'user' }],
    ['a token from before roles (no role)', {}],
  ])('answers 403 FORBIDDEN to %s and runs nothing', async (_, role) => {
    const { calls, call } = setup();

    const response = await call({
      ...allowedContext({ tenantId: 'acme', userId: 'alice' }),
      ...role,
    });

    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ success: false, error_code: 'FORBIDDEN' });
    expect(calls).toEqual([]);
  });

  it('answers 401 when no authorizer identity came with the request', async () => {
    const { call } = setup();

    const response = await call(null);

    expect(response.statusCode).toBe(401);
  });
});
