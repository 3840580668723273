import { describe, expect, it } from 'vitest';
import { createAuthorizeBearerToken } from '../../../functions/authorizer/authorize-bearer-token.ts';
import { TokenLookupCache } from '../../../functions/authorizer/token-lookup-cache.ts';
import { UnauthorizedError } from '../../../functions/domain/errors/app-errors.ts';
import { hashApiToken } from '../../../functions/domain/token/api-token.ts';
import {
  InMemoryTokenStore,
  tokenRecord as record,
  usageKeyOf,
} from '../../support/authorizer/in-memory-token-store.ts';

const TOKEN = '3f2c1a7e-9b4d-4c8a-a1e2-5d6f7a8b9c0d';
const REVOKED_TOKEN = '8e1d2c3b-4a5f-4e6d-9c7b-0a1f2e3d4c5b';
const UNKNOWN_TOKEN = 'c0ffee00-1234-4abc-8def-0123456789ab';
const TTL_MS = 60_000;

function setup() {
  let clock = Date.parse('2026-06-15T12:00:00Z');
  const tokens = new InMemoryTokenStore([
    record(TOKEN),
    record(REVOKED_TOKEN, { revokedAt: '2026-06-10T00:00:00.000Z' }),
  ]);
  const cache = new TokenLookupCache({ ttlMs: TTL_MS, now: () => clock });
  const authorize = createAuthorizeBearerToken({ tokens, cache, usageKeys: tokens });
  const advance = (ms: number) => {
    clock += ms;
  };
  return { tokens, authorize, advance };
}

async function rejection(promise: Promise<unknown>): Promise<UnauthorizedError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the authorization to fail');
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UnauthorizedError);
  return error as UnauthorizedError;
}

describe('authorizeBearerToken', () => {
  it("returns the tenant, user and token id of a known token, and the tenant's usage key", async () => {
    // prepare
    const { authorize } = setup();

    // act
    const caller = await authorize(`Bearer ${TOKEN}`);

    // assert
    expect(caller).toEqual({
      tenantId: 'acme',
      userId: 'alice',
      tokenId: record(TOKEN).tokenId,
      role: 'user',
      usageKey: usageKeyOf('acme'),
    });
  });

  it('passes the admin role of an admin token on', async () => {
    // prepare
    const tokens = new InMemoryTokenStore([record(TOKEN, { role: 'admin' })]);
    const authorize = createAuthorizeBearerToken({
      tokens,
      cache: new TokenLookupCache({ ttlMs: 60_000 }),
      usageKeys: tokens,
    });

    // act
    const caller = await authorize(`Bearer ${TOKEN}`);

    // assert
    expect(caller.role).toBe('admin');
  });

  it.each(['bearer', 'BEARER', 'BeArEr'])('accepts the scheme written %s', async (scheme) => {
    const { authorize } = setup();
    expect((await authorize(`${scheme} ${TOKEN}`)).userId).toBe('alice');
  });

  it('accepts an upper-case token, as UUIDs are case-insensitive', async () => {
    const { authorize } = setup();
    expect((await authorize(`Bearer ${TOKEN.toUpperCase()}`)).tenantId).toBe('acme');
  });

  it('tolerates surrounding whitespace', async () => {
    const { authorize } = setup();
    expect((await authorize(`  Bearer   ${TOKEN}  `)).tenantId).toBe('acme');
  });

  it.each([undefined, '', '   '])('rejects a missing Authorization header (%j)', async (header) => {
    const { authorize, tokens } = setup();
    expect((await rejection(authorize(header))).message).toBe(
      'missing Authorization header; send Authorization: Bearer <token>',
    );
    expect(tokens.lookups).toHaveLength(0);
  });

  it.each([`Basic ${TOKEN}`, `Token ${TOKEN}`, TOKEN, `Bearer ${TOKEN} extra`])(
    'rejects %s for not using the Bearer scheme',
    async (header) => {
      const { authorize, tokens } = setup();
      expect((await rejection(authorize(header))).message).toBe(
        'the Authorization header must use the Bearer scheme',
      );
      expect(tokens.lookups).toHaveLength(0);
    },
  );

  it.each([
    'not-a-uuid',
    '3f2c1a7e-9b4d-1c8a-a1e2-5d6f7a8b9c0d',
    '3f2c1a7e9b4d4c8aa1e25d6f7a8b9c0d',
  ])('rejects the malformed token %s without asking the store', async (token) => {
    // prepare
    const { authorize, tokens } = setup();

    // act
    const error = await rejection(authorize(`Bearer ${token}`));

    // assert
    expect(error.message).toBe('the bearer token is malformed; API tokens are UUID v4');
    expect(error.message).not.toContain(token);
    expect(tokens.lookups).toHaveLength(0);
  });

  it('says the token is missing when only the scheme is sent', async () => {
    const { authorize } = setup();

    const attempt = authorize('Bearer ');

    await expect(attempt).rejects.toThrow('the bearer token is missing');
  });

  it('rejects an unknown token', async () => {
    const { authorize } = setup();
    const error = await rejection(authorize(`Bearer ${UNKNOWN_TOKEN}`));
    expect(error.message).toBe('the bearer token is not recognised');
    expect(error.message).not.toContain(UNKNOWN_TOKEN);
  });

  it('rejects a revoked token', async () => {
    const { authorize } = setup();
    expect((await rejection(authorize(`Bearer ${REVOKED_TOKEN}`))).message).toBe(
      'the bearer token has been revoked',
    );
  });

  it('looks the token up by its hash, never by the clear token', async () => {
    const { authorize, tokens } = setup();
    await authorize(`Bearer ${TOKEN}`);
    expect(tokens.lookups).toEqual([hashApiToken(TOKEN)]);
  });

  it('answers a repeated known token from its cache within the TTL', async () => {
    // prepare
    const { authorize, tokens, advance } = setup();
    await authorize(`Bearer ${TOKEN}`);
    advance(TTL_MS - 1);

    // act
    const caller = await authorize(`Bearer ${TOKEN}`);

    // assert
    expect(caller.userId).toBe('alice');
    expect(tokens.lookups).toHaveLength(1);
  });

  it('answers a repeated unknown token from its negative cache within the TTL', async () => {
    // prepare
    const { authorize, tokens, advance } = setup();
    await rejection(authorize(`Bearer ${UNKNOWN_TOKEN}`));
    advance(TTL_MS - 1);

    // act
    const error = await rejection(authorize(`Bearer ${UNKNOWN_TOKEN}`));

    // assert
    expect(error.message).toBe('the bearer token is not recognised');
    expect(tokens.lookups).toHaveLength(1);
  });

  it('sees a revocation once the cached lookup has expired', async () => {
    // prepare
    const { authorize, tokens, advance } = setup();
    await authorize(`Bearer ${TOKEN}`);
    await tokens.revoke(hashApiToken(TOKEN), '2026-06-15T12:00:30.000Z');
    advance(TTL_MS);

    // act
    const error = await rejection(authorize(`Bearer ${TOKEN}`));

    // assert
    expect(error.message).toBe('the bearer token has been revoked');
    expect(tokens.lookups).toHaveLength(2);
  });

  it('sees a newly created token once the negative cache has expired', async () => {
    // prepare
    const { authorize, tokens, advance } = setup();
    await rejection(authorize(`Bearer ${UNKNOWN_TOKEN}`));
    await tokens.create(record(UNKNOWN_TOKEN, { userId: 'bob' }));
    advance(TTL_MS);

    // act
    const caller = await authorize(`Bearer ${UNKNOWN_TOKEN}`);

    // assert
    expect(caller.userId).toBe('bob');
  });

  it('propagates a store failure and does not cache it', async () => {
    // prepare
    const { authorize, tokens } = setup();
    tokens.failure = new Error('ProvisionedThroughputExceededException');

    // act
    const outcome = authorize(`Bearer ${TOKEN}`);

    // assert
    await expect(outcome).rejects.toThrow('ProvisionedThroughputExceededException');
    tokens.failure = undefined;
    expect((await authorize(`Bearer ${TOKEN}`)).userId).toBe('alice');
    expect(tokens.lookups).toHaveLength(2);
  });
});
