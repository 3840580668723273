import { ForbiddenError } from '../domain/errors/app-errors.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import { identityFromAuthorizer } from './identity-from-authorizer.ts';

/**
 * The admin our authorizer let in: its tenant is the only one it administers. A user token
 * (the role absent or `user`) is refused with 403 FORBIDDEN.
 */
export function adminFromAuthorizer(
  authorizer: Record<string, unknown> | null | undefined,
): SessionIdentity {
  const identity = identityFromAuthorizer(authorizer);
  if (authorizer?.role !== 'admin') {
    throw new ForbiddenError('this route needs an admin token; the token used is a user token');
  }
  return identity;
}
