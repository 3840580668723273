import { describe, expect, it } from 'vitest';
import { createCreateUserToken } from '../../../../functions/admin-api/create-token/create-user-token.ts';
import { hashApiToken } from '../../../../functions/domain/token/api-token.ts';
import { InMemoryTokenStore } from '../../../support/authorizer/in-memory-token-store.ts';

describe('createUserToken', () => {
  const now = () => new Date('2026-12-08T03:00:00.000Z');

  it("stores only the token's hash, for the tenant and user asked, and answers with the token once", async () => {
    const tokens = new InMemoryTokenStore();
    const createUserToken = createCreateUserToken({ tokens, now });

    const created = await createUserToken('acme', { user: 'bob', label: 'phone app' });

    const stored = tokens.records.get(hashApiToken(created.token));
    expect(stored).toMatchObject({ tenantId: 'acme', userId: 'bob', label: 'phone app' });
    expect(JSON.stringify([...tokens.records.values()])).not.toContain(created.token);
    expect(created).toMatchObject({
      id: stored?.tokenId,
      user: 'bob',
      label: 'phone app',
      role: 'user',
      created_at: '2026-12-08T03:00:00.000Z',
    });
  });

  it('makes a user token even when asked by an admin, and a new token each time', async () => {
    const tokens = new InMemoryTokenStore();
    const createUserToken = createCreateUserToken({ tokens, now });

    const first = await createUserToken('acme', { user: 'bob' });
    const second = await createUserToken('acme', { user: 'bob' });

    expect(first.token).not.toBe(second.token);
    expect([...tokens.records.values()].map((record) => record.role ?? 'user')).toEqual([
      'user',
      'user',
    ]);
    expect(first.label).toBeNull();
  });
});
