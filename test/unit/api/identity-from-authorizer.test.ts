import { describe, expect, it } from 'vitest';
import { identityFromAuthorizer } from '../../../functions/api/identity-from-authorizer.ts';
import { UnauthorizedError } from '../../../functions/domain/errors/app-errors.ts';

describe('identityFromAuthorizer', () => {
  it('returns the tenant and user the authorizer put in the request context', () => {
    // prepare
    const authorizer = { tenantId: 'acme', userId: 'alice', tokenId: 'tok_1' };

    // act
    const identity = identityFromAuthorizer(authorizer);

    // assert
    expect(identity).toEqual({ tenantId: 'acme', userId: 'alice' });
  });

  it.each([
    ['no authorizer context', null],
    ['an undefined context', undefined],
    ['no user', { tenantId: 'acme' }],
    ['an empty tenant', { tenantId: '', userId: 'alice' }],
    ['a tenant that is not a string', { tenantId: 7, userId: 'alice' }],
  ])('throws UnauthorizedError for %s', (_case, authorizer) => {
    // act
    const act = () => identityFromAuthorizer(authorizer as Record<string, unknown> | null);

    // assert
    expect(act).toThrow(UnauthorizedError);
  });
});
