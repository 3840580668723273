import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../functions/cli/api-token-commands.ts';
import { API_GATEWAY_MAX_PAYLOAD_BYTES } from '../../../functions/resources/tenant-usage-plan.ts';
import { callApi, isGatewayErrorEnvelope } from '../../support/http/api-client.ts';
import {
  killLocalStack,
  type LocalStackWithToken,
  startLocalStackWithToken,
} from '../../support/local-stack/local-stack-with-token.ts';

/** A quota small enough to spend in a test; a throttle that never bites here. */
const QUOTA = 3;

describe('fair use on the local stack: per-tenant quota, payload limit, unknown routes', () => {
  let local: LocalStackWithToken;
  let otherTenantToken: string;

  beforeAll(async () => {
    local = await startLocalStackWithToken({}, undefined, {
      usagePlan: {
        throttleRateLimit: 1000,
        throttleBurstLimit: 1000,
        quota: { limit: QUOTA, period: 'DAY' },
      },
    });
    ({ token: otherTenantToken } = await createApiToken(local.tokens, {
      tenantId: 'globex',
      userId: 'bob',
    }));
  }, 60_000);

  afterAll(async () => {
    await killLocalStack(local?.stack);
  });

  it('answers 429 RATE_LIMITED with Retry-After once a tenant spent its quota, while another tenant is served', async () => {
    // prepare: spend acme's quota (a request without jid or number is served: 400)
    for (let request = 0; request < QUOTA; request++) {
      const served = await callApi(local.stack.url, '/contacts/profile', { token: local.token });
      expect(served.status).toBe(400);
    }

    // act
    const refused = await callApi(local.stack.url, '/contacts/profile', { token: local.token });
    const otherTenant = await callApi(local.stack.url, '/contacts/profile', {
      token: otherTenantToken,
    });

    // assert
    expect(refused.status).toBe(429);
    expect(isGatewayErrorEnvelope(refused.body, 'RATE_LIMITED')).toBe(true);
    expect(refused.headers.get('retry-after')).toBe('3600');
    expect(otherTenant.status).toBe(400);
    expect(otherTenant.body.error_code).toBe('VALIDATION_ERROR');
  });

  it('refuses a body over 10 MB with 413 before the authorizer runs, as API Gateway does', async () => {
    // prepare
    const body = JSON.stringify({
      contacts: [{ number: '5511999999999' }],
      padding: 'x'.repeat(12 * 1024 * 1024),
    });
    expect(body.length).toBeGreaterThan(API_GATEWAY_MAX_PAYLOAD_BYTES);

    // act
    const response = await callApi(local.stack.url, '/contacts/profiles', {
      method: 'POST',
      token: 'not-even-a-token',
      headers: { 'Content-Type': 'application/json' },
      body,
    });

    // assert
    expect(response.status).toBe(413);
    expect(isGatewayErrorEnvelope(response.body, 'VALIDATION_ERROR')).toBe(true);
  });

  it('answers an unknown method of a known path with the 404 envelope naming the methods it has', async () => {
    const response = await callApi(local.stack.url, '/contacts/profiles', { method: 'GET' });
    expect(response.status).toBe(404);
    expect(isGatewayErrorEnvelope(response.body, 'NOT_FOUND')).toBe(true);
    expect(response.body.error).toBe(
      'no route for GET /contacts/profiles; use POST /contacts/profiles',
    );
  });
});
