import { describe, expect, it } from 'vitest';
import { createRevokeUserToken } from '../../../../functions/admin-api/revoke-token/revoke-user-token.ts';
import { NotFoundError } from '../../../../functions/domain/errors/app-errors.ts';
import {
  InMemoryTokenStore,
  tokenRecord,
} from '../../../support/authorizer/in-memory-token-store.ts';

const ACME_TOKEN = '3f2c1a7e-9b4d-4c8a-a1e2-5d6f7a8b9c0d';
const GLOBEX_TOKEN = '8e1d2c3b-4a5f-4e6d-9c7b-0a1f2e3d4c5b';

describe('revokeUserToken', () => {
  it("revokes one of the tenant's tokens by id", async () => {
    // prepare
    const tokens = new InMemoryTokenStore([tokenRecord(ACME_TOKEN)]);
    const revoke = createRevokeUserToken({ tokens, now: () => new Date('2026-12-08T00:00:00Z') });
    const { tokenId, tokenHash } = tokenRecord(ACME_TOKEN);

    // act
    const revoked = await revoke('acme', tokenId);

    // assert
    expect(revoked).toEqual({ id: tokenId, revoked_at: '2026-12-08T00:00:00.000Z' });
    expect(tokens.records.get(tokenHash)?.revokedAt).toBe('2026-12-08T00:00:00.000Z');
  });

  it("answers 404 for another tenant's token id, and leaves it alone", async () => {
    // prepare
    const globex = tokenRecord(GLOBEX_TOKEN, { tenantId: 'globex' });
    const tokens = new InMemoryTokenStore([tokenRecord(ACME_TOKEN), globex]);
    const revoke = createRevokeUserToken({ tokens });

    // act
    const attempt = revoke('acme', globex.tokenId);

    // assert
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    expect(tokens.records.get(globex.tokenHash)?.revokedAt).toBeUndefined();
  });
});
