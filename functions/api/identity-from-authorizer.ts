import { UnauthorizedError } from '../domain/errors/app-errors.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';

/** The tenant and user our authorizer put in the request context. */
export function identityFromAuthorizer(
  authorizer: Record<string, unknown> | null | undefined,
): SessionIdentity {
  const tenantId = authorizer?.tenantId;
  const userId = authorizer?.userId;
  if (typeof tenantId !== 'string' || typeof userId !== 'string' || !tenantId || !userId) {
    throw new UnauthorizedError('the request carries no authorized identity');
  }
  return { tenantId, userId };
}
