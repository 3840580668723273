import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { SecretSealer } from '../ports/secret-sealer.ts';

/**
 * Webhook secrets sealed by the stack's webhook-secret KMS key, with the tenant as encryption
 * context: a sealed secret moved to another tenant's item does not decrypt, and CloudTrail
 * names the tenant of every decryption.
 */
export class KmsSecretSealer implements SecretSealer {
  readonly #client: KMSClient;
  readonly #keyId: string;

  constructor(options: { client: KMSClient; keyId: string }) {
    this.#client = options.client;
    this.#keyId = options.keyId;
  }

  async seal(secret: string, tenantId: string): Promise<string> {
    const result = await this.#client.send(
      new EncryptCommand({
        KeyId: this.#keyId,
        Plaintext: Buffer.from(secret, 'utf8'),
        EncryptionContext: { tenant: tenantId },
      }),
    );
    if (!result.CiphertextBlob) throw new Error('KMS Encrypt returned no ciphertext');
    return Buffer.from(result.CiphertextBlob).toString('base64');
  }

  async open(sealed: string, tenantId: string): Promise<string> {
    const result = await this.#client.send(
      new DecryptCommand({
        KeyId: this.#keyId,
        CiphertextBlob: Buffer.from(sealed, 'base64'),
        EncryptionContext: { tenant: tenantId },
      }),
    );
    if (!result.Plaintext) throw new Error('KMS Decrypt returned no plaintext');
    return Buffer.from(result.Plaintext).toString('utf8');
  }
}
