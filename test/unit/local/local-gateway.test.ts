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
