import { gunzipSync, gzipSync } from 'node:zlib';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { BufferJSON } from 'baileys';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import type { CredentialCipher } from '../ports/credential-cipher.ts';

/** Values above this are gzipped before sealing: app-state hashes grow, items stop at 400 KB. */
const COMPRESS_ABOVE_BYTES = 32 * 1024;

/**
 * How one auth-state value is stored: Baileys' JSON (its BufferJSON codec keeps Buffers and
 * Uint8Arrays), gzipped when big, sealed by the cipher for its session (`sealed`, or `sealedGz`
 * when gzipped first). Values stored in the clear by releases before sealing (`value`,
 * `valueGz`) still read.
 */
export async function sealAuthStateValue(
  value: unknown,
  cipher: CredentialCipher,
  identity: SessionIdentity,
): Promise<Record<string, AttributeValue>> {
  const json = Buffer.from(JSON.stringify(value, BufferJSON.replacer));
  if (json.byteLength > COMPRESS_ABOVE_BYTES) {
    return { sealedGz: { B: await cipher.seal(gzipSync(json), identity) } };
  }
  return { sealed: { B: await cipher.seal(json, identity) } };
}

export async function openAuthStateValue(
  item: Record<string, AttributeValue>,
  cipher: CredentialCipher,
  identity: SessionIdentity,
): Promise<unknown> {
  let json: string | undefined;
  if (item.sealed?.B) {
    json = Buffer.from(await cipher.open(item.sealed.B, identity)).toString('utf8');
  } else if (item.sealedGz?.B) {
    json = gunzipSync(await cipher.open(item.sealedGz.B, identity)).toString('utf8');
  } else {
    json = item.valueGz?.B ? gunzipSync(item.valueGz.B).toString('utf8') : item.value?.S;
  }
  if (json === undefined) throw new Error('auth state item without a value');
  return JSON.parse(json, BufferJSON.reviver);
}

/** An item a release before sealing wrote: its value is in the clear. */
export function isStoredInTheClear(item: Record<string, AttributeValue>): boolean {
  return item.value !== undefined || item.valueGz !== undefined;
}
