import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LocalKeySecretSealer } from '../../../functions/adapters/local-key-secret-sealer.ts';

describe('LocalKeySecretSealer', () => {
  const sealer = new LocalKeySecretSealer({ keyHex: randomBytes(32).toString('hex') });

  it('opens what it sealed, and stores nothing readable', async () => {
    const sealed = await sealer.seal('whsec_abc123', 'acme');

    expect(sealed).not.toContain('abc123');
    expect(await sealer.open(sealed, 'acme')).toBe('whsec_abc123');
  });

  it("refuses to open a secret under another tenant's name, as KMS's context would", async () => {
    const sealed = await sealer.seal('whsec_abc123', 'acme');

    await expect(sealer.open(sealed, 'globex')).rejects.toThrow();
  });
});
