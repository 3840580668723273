import type { SessionIdentity } from '../domain/session/session-identity.ts';

/**
 * The encryption context of every sealed auth-state value, shared by the worker's cipher and the
 * credentials key's policy (which requires exactly these keys): the purpose, so a data key made
 * for this use serves no other, and the session, so a value opens only as its own session's.
 */
export const AUTH_STATE_PURPOSE = 'wa-session-auth-state';
export const AUTH_STATE_CONTEXT_KEYS = ['purpose', 'tenant', 'user'] as const;

export function authStateEncryptionContext(identity: SessionIdentity): Record<string, string> {
  return { purpose: AUTH_STATE_PURPOSE, tenant: identity.tenantId, user: identity.userId };
}

/** `CREDENTIALS_KEY=file:<path>`: the local stack's key file instead of the KMS key. */
export const LOCAL_KEY_SCHEME = 'file:';
