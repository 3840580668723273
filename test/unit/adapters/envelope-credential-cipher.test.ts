import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EnvelopeCredentialCipher } from '../../../functions/adapters/envelope-credential-cipher.ts';

const alice = { tenantId: 'acme', userId: 'alice' };
const bob = { tenantId: 'acme', userId: 'bob' };
const secret = new TextEncoder().encode('{"noiseKey":{"private":"c2VjcmV0"}}');

describe('EnvelopeCredentialCipher', () => {
  it('opens what it sealed for the same session, and the sealed bytes do not hold the plaintext', async () => {
    const cipher = EnvelopeCredentialCipher.withLocalKey(randomBytes(32));

    const sealed = await cipher.seal(secret, alice);

    expect(Buffer.from(sealed).includes(Buffer.from('noiseKey'))).toBe(false);
    expect(Buffer.from(await cipher.open(sealed, alice)).toString()).toBe(
      Buffer.from(secret).toString(),
    );
  });

  it('refuses a value sealed for another session of the same tenant', async () => {
    const cipher = EnvelopeCredentialCipher.withLocalKey(randomBytes(32));

    const sealed = await cipher.seal(secret, alice);

    await expect(cipher.open(sealed, bob)).rejects.toThrow(/another session/);
  });

  it('refuses a value sealed under another key, or altered after sealing', async () => {
    const cipher = EnvelopeCredentialCipher.withLocalKey(randomBytes(32));
    const other = EnvelopeCredentialCipher.withLocalKey(randomBytes(32));
    const sealed = await cipher.seal(secret, alice);
    const altered = Uint8Array.from(sealed);
    altered[altered.length - 20] = (altered[altered.length - 20] ?? 0) ^ 1;

    await expect(other.open(sealed, alice)).rejects.toThrow();
    await expect(cipher.open(altered, alice)).rejects.toThrow();
  });

  it('refuses a local key that is not 32 bytes', () => {
    expect(() => EnvelopeCredentialCipher.withLocalKey(randomBytes(16))).toThrow(/32 bytes/);
  });
});
