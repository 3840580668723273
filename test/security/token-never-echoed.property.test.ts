import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderGatewayResponse } from '../../functions/api/gateway-response-envelopes.ts';
import { createAuthorizeBearerToken } from '../../functions/authorizer/authorize-bearer-token.ts';
import { createAuthorizerHandler } from '../../functions/authorizer/create-authorizer-handler.ts';
import { TokenLookupCache } from '../../functions/authorizer/token-lookup-cache.ts';
import { createGetProfileRoute } from '../../functions/contacts/get-profile/get-profile-route.ts';
import { NotFoundError } from '../../functions/domain/errors/app-errors.ts';
import { localLambdaContext } from '../../functions/local/lambda-context.ts';
import { InMemoryTokenStore, tokenRecord } from '../support/authorizer/in-memory-token-store.ts';
import { authorizerEvent, proxyEvent } from '../support/lambda/api-gateway-events.ts';
import { silentLogger } from '../support/logging/silent-logger.ts';
import { tokenLike } from '../support/property/hostile-input-arbitraries.ts';

/**
 * Error messages never echo a token, wherever a client puts it: in the Authorization header in
 * any broken form, in a query parameter, in another header. Checked in-process over the real
 * authorizer (with the gateway's rendering of its denial) and the real profile handler.
 */

const silent = silentLogger();
const REVOKED = 'c56a4180-65aa-42ec-a945-5fd21dec0538';
const tokens = new InMemoryTokenStore([
  tokenRecord(REVOKED, {
    tokenId: 'tok_revoked',
    userId: 'carol',
    createdAt: '2026-11-25T00:00:00.000Z',
    revokedAt: '2026-11-25T01:00:00.000Z',
  }),
]);
const authorizer = createAuthorizerHandler({
  authorizeBearerToken: createAuthorizeBearerToken({
    tokens,
    cache: new TokenLookupCache({ ttlMs: 60_000 }),
    usageKeys: tokens,
  }),
  logger: silent,
});
const profile = createGetProfileRoute({
  getContactProfile: async () => {
    throw new NotFoundError('the contact is not on WhatsApp');
  },
  logger: silent,
  freshSeconds: 60,
  liveLookupDeadlineMs: 1_000,
});

/** Broken ways of sending a token in the Authorization header. */
const brokenAuthorization = fc.constantFrom(
  (token: string) => `Bearer ${token}`,
  (token: string) => `Bearer ${token}x`,
  (token: string) => `Bearer ${token} ${token}`,
  (token: string) => `Basic ${token}`,
  (token: string) => `${token}`,
  (token: string) => `Bearer\t${token.toUpperCase()}`,
  (token: string) => `Bearer ${token.slice(0, -1)}`,
);

function mentions(text: string, token: string): boolean {
  const lower = text.toLowerCase();
  return (
    lower.includes(token.toLowerCase()) || lower.includes(token.toLowerCase().replaceAll('-', ''))
  );
}

describe('tokens are never echoed (property, in-process)', () => {
  it('keeps any token out of the authorizer’s denial and the 401 the gateway renders from it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(tokenLike, fc.constant(REVOKED)),
        brokenAuthorization,
        async (token, write) => {
          const result = await authorizer(
            authorizerEvent({ headers: { Authorization: write(token) } }),
            {} as Context,
          );
          const context = Object.fromEntries(
            Object.entries(result.context ?? {}).map(([key, value]) => [
              `authorizer.${key}`,
              String(value),
            ]),
          );
          const rendered = renderGatewayResponse('ACCESS_DENIED', context);

          expect(result.policyDocument.Statement).toMatchObject([{ Effect: 'Deny' }]);
          expect(mentions(JSON.stringify(result), token)).toBe(false);
          expect(mentions(rendered.body, token)).toBe(false);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('keeps any token out of the profile handler’s answers, wherever the token was put', async () => {
    await fc.assert(
      fc.asyncProperty(
        tokenLike,
        fc.constantFrom('jid', 'number', 'refresh', 'other'),
        fc.constantFrom('', '@s.whatsapp.net', '@g.us', '%'),
        async (token, parameter, suffix) => {
          const value = `${token}${suffix}`;
          const event = proxyEvent({
            headers: { 'If-None-Match': `"${token}"`, 'X-Api-Key': token },
            query: { [parameter]: value },
            authorizer: { tenantId: 'acme', userId: 'alice' },
          });

          const result = (await profile(
            event,
            localLambdaContext('profile', 30_000),
          )) as APIGatewayProxyResult;

          expect([400, 404]).toContain(result.statusCode);
          expect(mentions(result.body, token)).toBe(false);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
