import { createHash } from 'node:crypto';

/** A strong ETag over the exact bytes served as `data`. */
export function profileEtag(profileJson: string): string {
  return `"${createHash('sha256').update(profileJson).digest('base64url').slice(0, 27)}"`;
}
