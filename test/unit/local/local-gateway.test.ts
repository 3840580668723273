import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalGateway, startLocalGateway } from '../../../functions/local/local-gateway.ts';
import { callApi } from '../../support/http/api-client.ts';

const PATH = '/contacts/profile?jid=5511999999999%40s.whatsapp.net';
const profile = async () => ({ statusCode: 200, body: '{}' });

describe('local gateway with a failing authorizer', () => {
  let gateway: LocalGateway | undefined;
  afterEach(async () => {
    await gateway?.close();
  });

  it.each([
    ['throws', async (): Promise<APIGatewayAuthorizerResult> => Promise.reject(new Error('boom'))],
    [
      'times out',
      () =>
        new Promise<APIGatewayAuthorizerResult>((resolve) =>
          setTimeout(() => resolve({} as APIGatewayAuthorizerResult), 1_000),
        ),
    ],
    ['returns no policy', async () => ({}) as APIGatewayAuthorizerResult],
  ])(
    'answers 503 SERVICE_UNAVAILABLE with Retry-After when the authorizer %s, as API Gateway’s AUTHORIZER_CONFIGURATION_ERROR',
    async (_, authorizer) => {
      // prepare
      gateway = await startLocalGateway({
        authorizer,
        functions: { contacts: profile, session: profile, console: profile, admin: profile },
        port: 0,
        authorizerTimeoutMs: 200,
      });

      // act
      const response = await callApi(gateway.url, PATH, { token: 'x' });

      // assert
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.body).toMatchObject({
        success: false,
        error_code: 'SERVICE_UNAVAILABLE',
        error: 'authorization is temporarily unavailable; retry shortly',
      });
    },
  );
});

describe('local gateway, what API Gateway enforces before a function runs', () => {
  let gateway: LocalGateway | undefined;
  afterEach(async () => {
    await gateway?.close();
  });

  function allow(usageIdentifierKey?: string) {
    return async (): Promise<APIGatewayAuthorizerResult> => ({
      principalId: 'acme/alice',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }],
      },
      ...(usageIdentifierKey === undefined ? {} : { usageIdentifierKey }),
    });
  }

  it('answers an unknown route and an unknown method with the 404 envelope without running a function', async () => {
    // prepare
    const calls: string[] = [];
    const recording = async () => {
      calls.push('called');
      return { statusCode: 200, body: '{}' };
    };
    gateway = await startLocalGateway({
      authorizer: allow('usage-key-of-acme-0123456789'),
      functions: { contacts: recording, session: recording, console: recording, admin: recording },
      port: 0,
    });

    // act
    const unknownPath = await callApi(gateway.url, '/contacts/avatar');
    const unknownMethod = await callApi(gateway.url, '/session', { method: 'PUT' });

    // assert
    expect([unknownPath.status, unknownMethod.status]).toEqual([404, 404]);
    expect(unknownPath.body).toMatchObject({
      error_code: 'NOT_FOUND',
      error: 'no such route; use GET /contacts/profile',
    });
    expect(unknownMethod.body.error).toBe('no route for PUT /session; use GET or DELETE /session');
    expect(calls).toEqual([]);
  });

  it('answers 403 as API Gateway does when the authorizer allows without a usage key', async () => {
    gateway = await startLocalGateway({
      authorizer: allow(),
      functions: { contacts: profile, session: profile, console: profile, admin: profile },
      port: 0,
    });
    const response = await callApi(gateway.url, PATH, { token: 'x' });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error_code: 'VALIDATION_ERROR', error: 'Forbidden' });
  });

  it('throttles one usage key past its burst with 429 and Retry-After 1, while another key is served', async () => {
    // prepare
    let key = 'usage-key-of-acme-0123456789';
    gateway = await startLocalGateway({
      authorizer: async () => allow(key)(),
      functions: { contacts: profile, session: profile, console: profile, admin: profile },
      port: 0,
      usagePlan: { throttleRateLimit: 0.001, throttleBurstLimit: 2 },
    });

    // act
    const statuses: number[] = [];
    for (let request = 0; request < 2; request++) {
      statuses.push((await callApi(gateway.url, PATH, { token: 'x' })).status);
    }
    const throttled = await callApi(gateway.url, PATH, { token: 'x' });
    key = 'usage-key-of-globex-0123456789';
    const otherTenant = await callApi(gateway.url, PATH, { token: 'x' });

    // assert
    expect(statuses).toEqual([200, 200]);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(throttled.body).toMatchObject({ error_code: 'RATE_LIMITED' });
    expect(otherTenant.status).toBe(200);
  });
});
