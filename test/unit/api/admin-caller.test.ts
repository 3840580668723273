import { describe, expect, it } from 'vitest';
import { adminFromAuthorizer } from '../../../functions/api/admin-caller.ts';
import { ForbiddenError, UnauthorizedError } from '../../../functions/domain/errors/app-errors.ts';

describe('adminFromAuthorizer', () => {
  it("returns the admin token's tenant and user", () => {
    const identity = adminFromAuthorizer({ tenantId: 'acme', userId: 'ops', role: 'admin' });

    expect(identity).toEqual({ tenantId: 'acme', userId: 'ops' });
  });

  it('refuses a user token with 403 FORBIDDEN', () => {
    const act = () => adminFromAuthorizer({ tenantId: 'acme', userId: 'alice', role: 'user' });

    expect(act).toThrow(ForbiddenError);
  });

  it('refuses a request without an authorized identity with 401, before looking at the role', () => {
    const act = () => adminFromAuthorizer({ role: 'admin' });

    expect(act).toThrow(UnauthorizedError);
  });
});
