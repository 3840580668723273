import { createHash, randomUUID } from 'node:crypto';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuidV4(value: string): boolean {
  return UUID_V4.test(value);
}

export function newApiToken(): string {
  return randomUUID();
}

/** Tokens exist at rest only as this hash (lower-cased first: UUIDs are case-insensitive). */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token.toLowerCase()).digest('hex');
}

/** A token's public identifier: safe to show, log and revoke by (`tok_` and 12 hex digits). */
export function tokenIdFor(tokenHash: string): string {
  return `tok_${tokenHash.slice(0, 12)}`;
}

/** A new token with what is stored of it: the clear token is shown once, then only its hash. */
export function issueTokenCredentials(): { token: string; tokenHash: string; tokenId: string } {
  const token = newApiToken();
  const tokenHash = hashApiToken(token);
  return { token, tokenHash, tokenId: tokenIdFor(tokenHash) };
}

/** `user`: today's tokens (the default); `admin`: also administers its own tenant. */
export const TOKEN_ROLES = ['user', 'admin'] as const;

export type TokenRole = (typeof TOKEN_ROLES)[number];
