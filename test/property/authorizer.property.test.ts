import type { Context } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DENY_CONTEXT_KEYS,
  renderGatewayResponse,
} from '../../functions/api/gateway-response-envelopes.ts';
import { createAuthorizeBearerToken } from '../../functions/authorizer/authorize-bearer-token.ts';
import { createAuthorizerHandler } from '../../functions/authorizer/create-authorizer-handler.ts';
import { TokenLookupCache } from '../../functions/authorizer/token-lookup-cache.ts';
import { UnauthorizedError } from '../../functions/domain/errors/app-errors.ts';
import {
  InMemoryTokenStore,
  tokenRecord,
  usageKeyOf,
} from '../support/authorizer/in-memory-token-store.ts';
import { isErrorEnvelope } from '../support/http/api-client.ts';
import { authorizerEvent } from '../support/lambda/api-gateway-events.ts';
import { silentLogger } from '../support/logging/silent-logger.ts';
import { authorizationValue } from '../support/property/hostile-input-arbitraries.ts';

const VALID = 'a3bb189e-8bf9-4888-9912-ace4e6543002';
const REVOKED = '9f1c6f3e-2b7a-4c1d-8e5f-0a1b2c3d4e5f';
const store = new InMemoryTokenStore([
  tokenRecord(VALID, { tokenId: 'tok_valid', createdAt: '2026-11-25T00:00:00.000Z' }),
  tokenRecord(REVOKED, {
    tokenId: 'tok_revoked',
    userId: 'bob',
    createdAt: '2026-11-25T00:00:00.000Z',
    revokedAt: '2026-11-25T01:00:00.000Z',
  }),
]);
const authorizeBearerToken = createAuthorizeBearerToken({
  tokens: store,
  cache: new TokenLookupCache({ ttlMs: 60_000 }),
  usageKeys: store,
});
const handler = createAuthorizerHandler({ authorizeBearerToken, logger: silentLogger() });

/** The bearer token the header carries, if it has one of the valid forms. */
function carriesValidToken(header: string): boolean {
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
  return match?.[1]?.toLowerCase() === 'bearer' && match[2]?.toLowerCase() === VALID;
}

describe('bearer-token authorizer (property, in-process)', () => {
  it('rejects every Authorization header that does not carry a live token with a 401 UnauthorizedError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(authorizationValue, { nil: undefined }), async (header) => {
        fc.pre(header === undefined || !carriesValidToken(header));

        await expect(authorizeBearerToken(header)).rejects.toBeInstanceOf(UnauthorizedError);
      }),
      { numRuns: 5_000 },
    );
  });

  it('renders each denial as the contract’s 401 envelope, as API Gateway would', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(authorizationValue, { nil: undefined }), async (header) => {
        fc.pre(header === undefined || !carriesValidToken(header));

        const result = await handler(
          authorizerEvent({ headers: header === undefined ? {} : { Authorization: header } }),
          {} as Context,
        );
        const context = Object.fromEntries(
          Object.entries(result.context ?? {}).map(([key, value]) => [
            `authorizer.${key}`,
            String(value),
          ]),
        );
        const response = renderGatewayResponse('ACCESS_DENIED', context);

        expect(result.policyDocument.Statement).toMatchObject([{ Effect: 'Deny' }]);
        expect(result.context?.[DENY_CONTEXT_KEYS.message]).toBeTypeOf('string');
        expect(response.statusCode).toBe(401);
        expect(isErrorEnvelope(JSON.parse(response.body), 'UNAUTHORIZED')).toBe(true);
      }),
      { numRuns: 3_000 },
    );
  });

  it('accepts a live token in any letter case of scheme and token, with surrounding spaces', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('Bearer', 'bearer', 'BEARER', 'bEaReR'),
        fc.boolean(),
        fc.constantFrom(' ', '   ', '\t'),
        fc.constantFrom('', ' ', '  '),
        async (scheme, upperToken, gap, padding) => {
          const token = upperToken ? VALID.toUpperCase() : VALID;

          const caller = await authorizeBearerToken(`${padding}${scheme}${gap}${token}${padding}`);

          expect(caller).toEqual({
            tenantId: 'acme',
            userId: 'alice',
            tokenId: 'tok_valid',
            role: 'user',
            usageKey: usageKeyOf('acme'),
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects a revoked token however it is written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('Bearer', 'bearer'), fc.boolean(), async (scheme, upper) => {
        const token = upper ? REVOKED.toUpperCase() : REVOKED;

        await expect(authorizeBearerToken(`${scheme} ${token}`)).rejects.toThrow(
          'the bearer token has been revoked',
        );
      }),
      { numRuns: 20 },
    );
  });
});
