import { describe, expect, it } from 'vitest';
import {
  AUTH_STATE_CONTEXT_KEYS,
  authStateEncryptionContext,
} from '../../../functions/resources/auth-state-encryption-context.ts';

describe('authStateEncryptionContext', () => {
  it('binds the purpose, the tenant and the user, and only the keys the key policy names', () => {
    // act
    const context = authStateEncryptionContext({ tenantId: 'acme', userId: 'alice' });

    // assert
    expect(context).toEqual({ purpose: 'wa-session-auth-state', tenant: 'acme', user: 'alice' });
    expect(Object.keys(context).sort()).toEqual([...AUTH_STATE_CONTEXT_KEYS].sort());
  });

  it('differs between two users of one tenant', () => {
    // act
    const alice = authStateEncryptionContext({ tenantId: 'acme', userId: 'alice' });
    const bob = authStateEncryptionContext({ tenantId: 'acme', userId: 'bob' });

    // assert
    expect(alice).not.toEqual(bob);
  });
});
