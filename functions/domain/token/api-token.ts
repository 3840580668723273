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
