import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretSealer } from '../ports/secret-sealer.ts';

/**
 * The local stack's sealer: AES-256-GCM under a key the local stack generates on first run and
 * keeps beside its data (`.local/`), with the tenant as additional authenticated data, as KMS's
 * encryption context binds it on AWS.
 */
export class LocalKeySecretSealer implements SecretSealer {
  readonly #key: Buffer;

  constructor(options: { keyHex: string }) {
    this.#key = Buffer.from(options.keyHex, 'hex');
    if (this.#key.length !== 32) throw new Error('the local secret key must be 32 bytes (hex)');
  }

  async seal(secret: string, tenantId: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(tenantId, 'utf8'));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
  }

  async open(sealed: string, tenantId: string): Promise<string> {
    const bytes = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(tenantId, 'utf8'));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  }
}
