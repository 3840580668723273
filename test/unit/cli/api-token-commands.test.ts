import { describe, expect, it } from 'vitest';
import { $ZodError } from 'zod/v4/core';
import { createApiToken, revokeApiToken } from '../../../functions/cli/api-token-commands.ts';
import { NotFoundError, ValidationError } from '../../../functions/domain/errors/app-errors.ts';
import { hashApiToken, isUuidV4, tokenIdFor } from '../../../functions/domain/token/api-token.ts';
import { InMemoryTokenStore, tokenRecord } from '../../support/authorizer/in-memory-token-store.ts';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const LATER = new Date('2026-06-16T08:00:00.000Z');
const TOKEN = '8b9e7c2a-1f4d-4c3b-9a6e-2d5f7e8a9b0c';

describe('createApiToken', () => {
  it('stores only the hash of a new UUID v4 token, with its id, owner, label and time', async () => {
    // prepare
    const store = new InMemoryTokenStore();

    // act
    const { token, record } = await createApiToken(
      store,
      { tenantId: 'acme', userId: 'alice', label: 'crm' },
      NOW,
    );

    // assert
    expect(isUuidV4(token)).toBe(true);
    const tokenHash = hashApiToken(token);
    expect(record).toEqual({
      tokenHash,
      tokenId: tokenIdFor(tokenHash),
      tenantId: 'acme',
      userId: 'alice',
      label: 'crm',
      createdAt: '2026-06-15T12:00:00.000Z',
    });
    expect([...store.records.values()]).toEqual([record]);
    expect(JSON.stringify([...store.records.values()])).not.toContain(token);
  });

  it('refuses a tenant that is not an identifier and stores nothing', async () => {
    // prepare
    const store = new InMemoryTokenStore();

    // act
    const act = createApiToken(store, { tenantId: 'acme corp', userId: 'alice' }, NOW);

    // assert
    await expect(act).rejects.toBeInstanceOf($ZodError);
    expect(store.records.size).toBe(0);
  });
});

describe('tokenIdFor', () => {
  it('names a token by the start of its hash, never by the token', () => {
    const tokenHash = hashApiToken(TOKEN);
    expect(tokenIdFor(tokenHash)).toBe(`tok_${tokenHash.slice(0, 12)}`);
  });
});

describe('revokeApiToken', () => {
  it('revokes the token it is given and returns its record with the revocation time', async () => {
    // prepare
    const record = tokenRecord(TOKEN);
    const store = new InMemoryTokenStore([record]);

    // act
    const revoked = await revokeApiToken(store, { token: TOKEN }, LATER);

    // assert
    expect(revoked).toEqual({ ...record, revokedAt: '2026-06-16T08:00:00.000Z' });
    expect(store.records.get(record.tokenHash)?.revokedAt).toBe('2026-06-16T08:00:00.000Z');
  });

  it('finds a token by its tenant and id', async () => {
    // prepare
    const record = tokenRecord(TOKEN, { tenantId: 'globex' });
    const store = new InMemoryTokenStore([record, tokenRecord(crypto.randomUUID())]);

    // act
    const revoked = await revokeApiToken(
      store,
      { tenantId: 'globex', tokenId: record.tokenId },
      LATER,
    );

    // assert
    expect(revoked.tokenHash).toBe(record.tokenHash);
  });

  it('keeps the first revocation time of a token revoked twice', async () => {
    // prepare
    const record = tokenRecord(TOKEN, { revokedAt: '2026-06-10T00:00:00.000Z' });
    const store = new InMemoryTokenStore([record]);

    // act
    const revoked = await revokeApiToken(store, { token: TOKEN }, LATER);

    // assert
    expect(revoked.revokedAt).toBe('2026-06-10T00:00:00.000Z');
  });

  it('refuses something that is not a token, and a token id of another tenant', async () => {
    // prepare
    const record = tokenRecord(TOKEN, { tenantId: 'acme' });
    const store = new InMemoryTokenStore([record]);

    // act
    const notAToken = revokeApiToken(store, { token: 'not-a-uuid' }, LATER);
    const otherTenant = revokeApiToken(
      store,
      { tenantId: 'globex', tokenId: record.tokenId },
      LATER,
    );

    // assert
    await expect(notAToken).rejects.toBeInstanceOf(ValidationError);
    await expect(otherTenant).rejects.toBeInstanceOf(NotFoundError);
    expect(store.records.get(record.tokenHash)?.revokedAt).toBeUndefined();
  });
});
