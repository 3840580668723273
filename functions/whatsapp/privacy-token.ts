import type { SignalKeyStore } from 'baileys';

/** A privacy token (tctoken) the contact issued to this session; lets hidden fields through. */
export type PrivacyToken = Uint8Array;

/** WhatsApp's token window: 4 rolling buckets of 7 days (its AB props tctoken_duration, _num_buckets). */
export const TOKEN_BUCKET_SECONDS = 7 * 24 * 3600;
export const TOKEN_BUCKETS = 4;

/**
 * The oldest issue time still valid: the start of the bucket 3 buckets before the current one,
 * so a token lives between 21 and 28 days, as whatsmeow and Baileys both compute it.
 */
export function tokenCutoffSeconds(nowSeconds: number): number {
  const currentBucket = Math.floor(nowSeconds / TOKEN_BUCKET_SECONDS);
  return (currentBucket - (TOKEN_BUCKETS - 1)) * TOKEN_BUCKET_SECONDS;
}

type KeyReader = Pick<SignalKeyStore, 'get'>;

/**
 * The privacy token the contact gave this session, if any and not expired. Reads only the
 * session's local key store, as whatsmeow does: tokens are stored under the contact's LID when
 * the PN→LID mapping is known locally (or given, e.g. by the contact lookup), else under the
 * phone-number JID. It never asks WhatsApp for the LID: Baileys' getLIDForPN would send a usync
 * of its own, outside the lookup's deadline and budget.
 */
export async function readPrivacyToken(
  keys: KeyReader,
  jid: string,
  knownLid?: string,
  nowSeconds: number = Date.now() / 1000,
): Promise<PrivacyToken | undefined> {
  try {
    const storageJid = jid.endsWith('@lid')
      ? jid
      : (knownLid ?? (await localLid(keys, jid)) ?? jid);
    const stored = await keys.get('tctoken', [storageJid]);
    const entry = stored[storageJid];
    const timestamp = Number(entry?.timestamp);
    if (!entry?.token?.length || !Number.isFinite(timestamp)) return undefined;
    if (timestamp < tokenCutoffSeconds(nowSeconds)) return undefined;
    return entry.token;
  } catch {
    // A missing token only means WhatsApp applies the contact's privacy settings in full.
    return undefined;
  }
}

/** The LID Baileys recorded for a phone-number JID (its `lid-mapping` keys: PN user → LID user). */
async function localLid(keys: KeyReader, jid: string): Promise<string | undefined> {
  if (!jid.endsWith('@s.whatsapp.net')) return undefined;
  const pnUser = jid.slice(0, jid.indexOf('@'));
  const stored = await keys.get('lid-mapping', [pnUser]);
  const lidUser = stored[pnUser];
  return typeof lidUser === 'string' && lidUser.length > 0 ? `${lidUser}@lid` : undefined;
}
