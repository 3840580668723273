import type { APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { createAuthorizeBearerToken } from '../../../functions/authorizer/authorize-bearer-token.ts';
import { createAuthorizerHandler } from '../../../functions/authorizer/create-authorizer-handler.ts';
import { TokenLookupCache } from '../../../functions/authorizer/token-lookup-cache.ts';
import type { TokenRecord } from '../../../functions/ports/token-store.ts';
import {
  InMemoryTokenStore,
  tokenRecord as record,
  usageKeyOf,
} from '../../support/authorizer/in-memory-token-store.ts';
import { authorizerEvent as requestAuthorizerEvent } from '../../support/lambda/api-gateway-events.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';

const METHOD_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/contacts/profile';
const TOKEN = '3f2c1a7e-9b4d-4c8a-a1e2-5d6f7a8b9c0d';
const REVOKED_TOKEN = '8e1d2c3b-4a5f-4e6d-9c7b-0a1f2e3d4c5b';
const UNKNOWN_TOKEN = 'c0ffee00-1234-4abc-8def-0123456789ab';
const NOW = new Date('2026-06-15T12:00:00.250Z');

function tokenRecord(token: string, overrides: Partial<TokenRecord> = {}): TokenRecord {
  return record(token, { tokenId: 'tok_123', ...overrides });
}

function authorizerEvent(headers: Record<string, string> | null): APIGatewayRequestAuthorizerEvent {
  return requestAuthorizerEvent({ methodArn: METHOD_ARN, headers });
}

const CONTEXT = {} as Context;

function setup(failure?: Error) {
  const tokens = new InMemoryTokenStore(
    [tokenRecord(TOKEN), tokenRecord(REVOKED_TOKEN, { revokedAt: '2026-06-10T00:00:00.000Z' })],
    failure,
  );
  const logger = silentLogger();
  const handler = createAuthorizerHandler({
    authorizeBearerToken: createAuthorizeBearerToken({
      tokens,
      cache: new TokenLookupCache({ ttlMs: 60_000 }),
      usageKeys: tokens,
    }),
    logger,
    now: () => NOW,
  });
  return { handler, logger, tokens };
}

describe('createAuthorizerHandler', () => {
  it("allows a known token with tenantId, userId, tokenId and role in the context and the tenant's usage key", async () => {
    // prepare
    const { handler } = setup();

    // act
    const result = await handler(authorizerEvent({ Authorization: `Bearer ${TOKEN}` }), CONTEXT);

    // assert
    expect(result).toEqual({
      principalId: 'acme/alice',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: METHOD_ARN }],
      },
      usageIdentifierKey: usageKeyOf('acme'),
      context: { tenantId: 'acme', userId: 'alice', tokenId: 'tok_123', role: 'user' },
    });
  });

  it('denies a token whose tenant has no usage key, naming the command that makes one', async () => {
    // prepare
    const { handler, tokens } = setup();
    tokens.usageKeys.delete('acme');

    // act
    const result = await handler(authorizerEvent({ Authorization: `Bearer ${TOKEN}` }), CONTEXT);

    // assert
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
    expect(result.usageIdentifierKey).toBeUndefined();
    expect(result.context?.errorMessage).toContain('npm run token -- usage-key');
  });

  it('reads the Authorization header whatever its case', async () => {
    const { handler } = setup();
    const result = await handler(authorizerEvent({ authorization: `bearer ${TOKEN}` }), CONTEXT);
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
  });

  it.each([
    ['no headers at all', null, 'missing Authorization header; send Authorization: Bearer <token>'],
    [
      'another scheme',
      { Authorization: `Basic ${TOKEN}` },
      'the Authorization header must use the Bearer scheme',
    ],
    [
      'a malformed token',
      { Authorization: 'Bearer 12345' },
      'the bearer token is malformed; API tokens are UUID v4',
    ],
    [
      'an unknown token',
      { Authorization: `Bearer ${UNKNOWN_TOKEN}` },
      'the bearer token is not recognised',
    ],
    [
      'a revoked token',
      { Authorization: `Bearer ${REVOKED_TOKEN}` },
      'the bearer token has been revoked',
    ],
  ])('denies %s with errorMessage and an ISO errorTimestamp', async (_name, headers, message) => {
    // prepare
    const { handler } = setup();

    // act
    const result = await handler(authorizerEvent(headers), CONTEXT);

    // assert
    expect(result.principalId).toBe('anonymous');
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Deny', Resource: METHOD_ARN },
    ]);
    expect(result.context).toEqual({
      errorMessage: message,
      errorTimestamp: '2026-06-15T12:00:00Z',
    });
  });

  it.each([UNKNOWN_TOKEN, REVOKED_TOKEN, 'not-a-uuid-but-secret'])(
    'never puts the token %s into a Deny result or the log',
    async (token) => {
      // prepare
      const { handler, logger } = setup();
      const logged = vi.spyOn(logger, 'info');

      // act
      const result = await handler(authorizerEvent({ Authorization: `Bearer ${token}` }), CONTEXT);

      // assert
      expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
      expect(JSON.stringify(result)).not.toContain(token);
      expect(JSON.stringify(logged.mock.calls)).not.toContain(token);
    },
  );

  it('stamps the Deny with the current time when no clock is injected', async () => {
    const logger = silentLogger();
    const handler = createAuthorizerHandler({
      authorizeBearerToken: createAuthorizeBearerToken({
        tokens: new InMemoryTokenStore([]),
        cache: new TokenLookupCache({ ttlMs: 0 }),
        usageKeys: new InMemoryTokenStore([]),
      }),
      logger,
    });
    const result = await handler(authorizerEvent({}), CONTEXT);
    expect(result.context?.errorTimestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('throws when the token store fails, so API Gateway answers AUTHORIZER_CONFIGURATION_ERROR (503)', async () => {
    // prepare
    const { handler } = setup(new Error('DynamoDB unreachable'));

    // act
    const outcome = handler(authorizerEvent({ Authorization: `Bearer ${TOKEN}` }), CONTEXT);

    // assert
    await expect(outcome).rejects.toThrow('DynamoDB unreachable');
  });
});
