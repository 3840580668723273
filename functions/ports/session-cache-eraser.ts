import type { SessionIdentity } from '../domain/session/session-identity.ts';

/** Deletes everything a session cached (its profiles and pictures), when it logs out. */
export interface SessionCacheEraser {
  /** Deletes the session's cache entries; resolves with how many were deleted. */
  deleteSession(identity: SessionIdentity): Promise<number>;
}
