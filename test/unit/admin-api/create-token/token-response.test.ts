import { describe, expect, it } from 'vitest';
import { tokenView } from '../../../../functions/admin-api/create-token/token-response.ts';
import { tokenRecord } from '../../../support/authorizer/in-memory-token-store.ts';

describe('tokenView', () => {
  it('shows the public id, user, label, role and creation time, never the hash', () => {
    const record = tokenRecord('6f1c7a52-1f0e-4d5b-9a77-2b7f6c0e9d11', {
      label: 'ci',
      role: 'admin',
    });

    const view = tokenView(record);

    expect(view).toEqual({
      id: record.tokenId,
      user: 'alice',
      label: 'ci',
      role: 'admin',
      created_at: '2026-06-01T00:00:00.000Z',
    });
    expect(JSON.stringify(view)).not.toContain(record.tokenHash);
  });

  it("names a record without label or role as label null and role 'user' (records from before roles)", () => {
    const view = tokenView(tokenRecord('0b9d7e0a-3c2f-4e8a-8b1d-5f6a7c8d9e0f'));

    expect(view.label).toBeNull();
    expect(view.role).toBe('user');
  });
});
