import type { KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { KmsSecretSealer } from '../../../functions/adapters/kms-secret-sealer.ts';

/**
 * KMS as the sealer meets it: Encrypt binds the ciphertext to its key and encryption context,
 * Decrypt refuses any other context (InvalidCiphertextException), as KMS does.
 */
function fakeKms() {
  const sealed = new Map<string, { keyId: string; context: string; plaintext: Uint8Array }>();
  const inputs: Record<string, unknown>[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const input = command.input;
      inputs.push(input);
      const context = JSON.stringify(input.EncryptionContext);
      if (command.constructor.name === 'EncryptCommand') {
        const blob = `blob-${sealed.size}`;
        sealed.set(blob, {
          keyId: input.KeyId as string,
          context,
          plaintext: input.Plaintext as Uint8Array,
        });
        return { CiphertextBlob: Buffer.from(blob) };
      }
      const entry = sealed.get(Buffer.from(input.CiphertextBlob as Uint8Array).toString());
      if (!entry || entry.context !== context || entry.keyId !== input.KeyId) {
        throw Object.assign(new Error('InvalidCiphertextException'), {
          name: 'InvalidCiphertextException',
        });
      }
      return { Plaintext: entry.plaintext };
    },
  };
  return { client: client as unknown as KMSClient, inputs };
}

describe('KmsSecretSealer', () => {
  it("opens what it sealed for the same tenant, under the stack's key", async () => {
    const { client, inputs } = fakeKms();
    const sealer = new KmsSecretSealer({ client, keyId: 'arn:aws:kms:eu-west-1:1:key/webhook' });

    const sealed = await sealer.seal('whsec_c2VjcmV0', 'acme');
    const opened = await sealer.open(sealed, 'acme');

    expect(opened).toBe('whsec_c2VjcmV0');
    expect(sealed).not.toContain('whsec_');
    expect(inputs[0]).toMatchObject({
      KeyId: 'arn:aws:kms:eu-west-1:1:key/webhook',
      EncryptionContext: { tenant: 'acme' },
    });
  });

  it("does not open a secret moved to another tenant's item", async () => {
    const { client } = fakeKms();
    const sealer = new KmsSecretSealer({ client, keyId: 'key' });
    const sealed = await sealer.seal('whsec_c2VjcmV0', 'acme');

    const opening = sealer.open(sealed, 'globex');

    await expect(opening).rejects.toThrow('InvalidCiphertextException');
  });

  it('fails loudly when KMS answers without a ciphertext', async () => {
    const sealer = new KmsSecretSealer({
      client: { send: async () => ({}) } as unknown as KMSClient,
      keyId: 'key',
    });

    await expect(sealer.seal('whsec_x', 'acme')).rejects.toThrow('returned no ciphertext');
  });
});
