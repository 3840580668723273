import type { SessionIdentity } from '../domain/session/session-identity.ts';

/** Whether a (tenant, user) exists: direct invocations carry no token to prove it. */
export interface KnownUsers {
  exists(identity: SessionIdentity): Promise<boolean>;
}
