import { randomBytes } from 'node:crypto';
import { BufferJSON } from 'baileys';
import { describe, expect, it } from 'vitest';
import { EnvelopeCredentialCipher } from '../../../functions/adapters/envelope-credential-cipher.ts';
import {
  isStoredInTheClear,
  openAuthStateValue,
  sealAuthStateValue,
} from '../../../functions/whatsapp/sealed-auth-state-value.ts';

const cipher = EnvelopeCredentialCipher.withLocalKey(randomBytes(32));
const alice = { tenantId: 'acme', userId: 'alice' };

describe('sealAuthStateValue / openAuthStateValue', () => {
  it('seals a small value as `sealed` and opens it with its Buffers intact', async () => {
    const value = { private: Buffer.from('noise-private-key'), registrationId: 7 };

    const item = await sealAuthStateValue(value, cipher, alice);
    const opened = (await openAuthStateValue(item, cipher, alice)) as typeof value;

    expect(Object.keys(item)).toEqual(['sealed']);
    expect(Buffer.from(item.sealed?.B ?? []).includes(Buffer.from('noise-private-key'))).toBe(
      false,
    );
    expect(Buffer.from(opened.private).toString()).toBe('noise-private-key');
    expect(opened.registrationId).toBe(7);
  });

  it('gzips a value over 32 KB before sealing it, as `sealedGz`', async () => {
    const value = { hash: 'x'.repeat(40_000) };

    const item = await sealAuthStateValue(value, cipher, alice);

    expect(Object.keys(item)).toEqual(['sealedGz']);
    expect(item.sealedGz?.B?.byteLength).toBeLessThan(10_000);
    expect(await openAuthStateValue(item, cipher, alice)).toEqual(value);
  });

  it('still reads a value an earlier release stored in the clear, and says it was', async () => {
    const item = { value: { S: JSON.stringify({ k: Buffer.from('old') }, BufferJSON.replacer) } };

    const opened = (await openAuthStateValue(item, cipher, alice)) as { k: Buffer };

    expect(isStoredInTheClear(item)).toBe(true);
    expect(isStoredInTheClear(await sealAuthStateValue({}, cipher, alice))).toBe(false);
    expect(Buffer.from(opened.k).toString()).toBe('old');
  });

  it('refuses an item with no value', async () => {
    await expect(openAuthStateValue({}, cipher, alice)).rejects.toThrow(/without a value/);
  });
});
