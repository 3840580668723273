/** The identity a token carries: one tenant, one user, one WhatsApp session. */
export interface SessionIdentity {
  tenantId: string;
  userId: string;
}

/** Key of one user's session; the cache and the session state are partitioned by it. */
export function sessionKey(identity: SessionIdentity): string {
  return `${identity.tenantId}#${identity.userId}`;
}

/** FNV-1a over the session key: a stable shard for the session across processes. */
export function sessionShard(identity: SessionIdentity, shardCount: number): number {
  let hash = 0x811c9dc5;
  for (const char of sessionKey(identity)) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shardCount;
}
