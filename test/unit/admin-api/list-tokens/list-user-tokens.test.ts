import { describe, expect, it } from 'vitest';
import { createListUserTokens } from '../../../../functions/admin-api/list-tokens/list-user-tokens.ts';
import {
  InMemoryTokenStore,
  tokenRecord,
} from '../../../support/authorizer/in-memory-token-store.ts';

describe('listUserTokens', () => {
  const tokens = new InMemoryTokenStore([
    tokenRecord('11111111-1111-4111-8111-111111111111', {
      userId: 'bob',
      createdAt: '2026-06-03T00:00:00.000Z',
    }),
    tokenRecord('22222222-2222-4222-8222-222222222222', {
      userId: 'alice',
      createdAt: '2026-06-02T00:00:00.000Z',
    }),
    tokenRecord('33333333-3333-4333-8333-333333333333', {
      userId: 'alice',
      createdAt: '2026-06-01T00:00:00.000Z',
      revokedAt: '2026-06-04T00:00:00.000Z',
    }),
    tokenRecord('44444444-4444-4444-8444-444444444444', { tenantId: 'other', userId: 'alice' }),
  ]);
  const listUserTokens = createListUserTokens({ tokens });

  it("lists the tenant's live tokens oldest first, without revoked ones or another tenant's", async () => {
    const listed = await listUserTokens('acme', {});

    expect(listed.map((token) => [token.user, token.created_at])).toEqual([
      ['alice', '2026-06-02T00:00:00.000Z'],
      ['bob', '2026-06-03T00:00:00.000Z'],
    ]);
  });

  it('lists one user’s tokens when asked for that user', async () => {
    const listed = await listUserTokens('acme', { user: 'bob' });

    expect(listed.map((token) => token.user)).toEqual(['bob']);
  });
});
