import { describe, expect, it } from 'vitest';
import {
  readPrivacyToken,
  TOKEN_BUCKET_SECONDS,
  tokenCutoffSeconds,
} from '../../../functions/whatsapp/privacy-token.ts';

type Stored = Record<string, Record<string, unknown>>;

/** Baileys' key store as the reader sees it; records every (type, ids) read. */
function keyStore(stored: Stored) {
  const reads: string[] = [];
  return {
    reads,
    keys: {
      get: async (type: string, ids: string[]) => {
        reads.push(`${type}:${ids.join(',')}`);
        const values = stored[type] ?? {};
        return Object.fromEntries(ids.filter((id) => id in values).map((id) => [id, values[id]]));
      },
      // biome-ignore lint/suspicious/noExplicitAny: the reader only needs get()
    } as any,
  };
}

const PN = '5511987654321@s.whatsapp.net';
const BUCKET = 2_920;
const midBucket = BUCKET * TOKEN_BUCKET_SECONDS + 100;

describe('readPrivacyToken', () => {
  it('finds the token stored under the LID that the local lid-mapping store knows', async () => {
    const store = keyStore({
      'lid-mapping': { '5511987654321': '2036' },
      tctoken: { '2036@lid': { token: Buffer.from([1, 2]), timestamp: String(midBucket) } },
    });

    const token = await readPrivacyToken(store.keys, PN, undefined, midBucket);

    expect(token).toEqual(Buffer.from([1, 2]));
    expect(store.reads).toEqual(['lid-mapping:5511987654321', 'tctoken:2036@lid']);
  });

  it('uses a LID the contact lookup already disclosed without reading the mapping', async () => {
    const store = keyStore({
      tctoken: { '2036@lid': { token: Buffer.from([3]), timestamp: String(midBucket) } },
    });

    const token = await readPrivacyToken(store.keys, PN, '2036@lid', midBucket);

    expect(token).toEqual(Buffer.from([3]));
    expect(store.reads).toEqual(['tctoken:2036@lid']);
  });

  it('falls back to the phone-number JID when no LID is known locally', async () => {
    const store = keyStore({
      tctoken: { [PN]: { token: Buffer.from([4]), timestamp: String(midBucket) } },
    });

    expect(await readPrivacyToken(store.keys, PN, undefined, midBucket)).toEqual(Buffer.from([4]));
  });

  it('cuts tokens off at the start of the bucket three 7-day buckets back', () => {
    expect(tokenCutoffSeconds(midBucket)).toBe((BUCKET - 3) * TOKEN_BUCKET_SECONDS);
    expect(tokenCutoffSeconds((BUCKET + 1) * TOKEN_BUCKET_SECONDS - 1)).toBe(
      (BUCKET - 3) * TOKEN_BUCKET_SECONDS,
    );
  });

  it.each([
    // Issued at the cutoff, read at the end of the current bucket: 28 days old, still valid.
    [
      'valid at 28 days minus a second',
      (BUCKET - 3) * TOKEN_BUCKET_SECONDS,
      (BUCKET + 1) * TOKEN_BUCKET_SECONDS - 1,
      true,
    ],
    // One second before the cutoff, read early in the bucket: only 21 days old, yet expired.
    [
      'expired at 21 days',
      (BUCKET - 3) * TOKEN_BUCKET_SECONDS - 1,
      BUCKET * TOKEN_BUCKET_SECONDS,
      false,
    ],
  ])('treats a token %s as the 7-day buckets say', async (_name, issuedAt, now, valid) => {
    const store = keyStore({
      tctoken: { '2036@lid': { token: Buffer.from([5]), timestamp: String(issuedAt) } },
    });

    const token = await readPrivacyToken(store.keys, '2036@lid', undefined, now);

    expect(token !== undefined).toBe(valid);
  });

  it('returns nothing when the session holds no token for the contact', async () => {
    const store = keyStore({});

    expect(await readPrivacyToken(store.keys, PN, undefined, midBucket)).toBeUndefined();
  });
});
