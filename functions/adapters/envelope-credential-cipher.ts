import { readFile } from 'node:fs/promises';
import {
  AlgorithmSuiteIdentifier,
  buildClient,
  CommitmentPolicy,
  getLocalCryptographicMaterialsCache,
  type KeyringNode,
  KMS,
  KmsKeyringNode,
  NodeCachingMaterialsManager,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
} from '@aws-crypto/client-node';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import type { CredentialCipher } from '../ports/credential-cipher.ts';
import {
  authStateEncryptionContext,
  LOCAL_KEY_SCHEME,
} from '../resources/auth-state-encryption-context.ts';

/**
 * Envelope encryption with the AWS Encryption SDK: each value is AES-256-GCM under a data key
 * that KMS (on AWS) or a local key (`npm start`, tests) wraps. The encryption context names the
 * session (tenant, user), so the key policy can require it and a value copied into another
 * session's partition does not open there. The suite commits to its key and is unsigned: the
 * worker is the only writer and reader, and signing would cost an ECDSA signature per write.
 *
 * Data keys are cached (one per session for a day of writes) so a busy session costs one KMS
 * call a day, not one a write; reading values written under older data keys costs one KMS
 * Decrypt per data key, then hits the cache.
 */
export class EnvelopeCredentialCipher implements CredentialCipher {
  readonly #materials: NodeCachingMaterialsManager;
  readonly #client = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

  constructor(options: { keyring: KeyringNode; cacheCapacity?: number }) {
    this.#materials = new NodeCachingMaterialsManager({
      backingMaterials: options.keyring,
      cache: getLocalCryptographicMaterialsCache(options.cacheCapacity ?? 4_096),
      maxAge: 24 * 60 * 60 * 1000,
      maxMessagesEncrypted: 1_000_000,
    });
  }

  /**
   * From the worker's `CREDENTIALS_KEY`: a KMS key ARN on AWS, or `file:<path>` of the local
   * stack's 32-byte key.
   */
  static async fromSetting(setting: string): Promise<EnvelopeCredentialCipher> {
    if (setting.startsWith(LOCAL_KEY_SCHEME)) {
      return EnvelopeCredentialCipher.withLocalKey(
        await readFile(setting.slice(LOCAL_KEY_SCHEME.length)),
      );
    }
    return EnvelopeCredentialCipher.withKmsKey({ keyArn: setting });
  }

  /** On AWS: data keys from the credentials KMS key, through one KMS client. */
  static withKmsKey(options: { keyArn: string; kms?: KMS }): EnvelopeCredentialCipher {
    const kms = options.kms ?? new KMS({ maxAttempts: 3 });
    return new EnvelopeCredentialCipher({
      keyring: new KmsKeyringNode({ generatorKeyId: options.keyArn, clientProvider: () => kms }),
    });
  }

  /** Locally: data keys wrapped by a 32-byte key the local stack keeps on disk (or a test makes). */
  static withLocalKey(key: Uint8Array): EnvelopeCredentialCipher {
    if (key.byteLength !== 32) throw new Error('the local credentials key must be 32 bytes');
    return new EnvelopeCredentialCipher({
      keyring: new RawAesKeyringNode({
        keyNamespace: 'wa-contact-profile-local',
        keyName: 'credentials',
        // A copy of its own: the SDK wants the key alone in its buffer (a file read may share one).
        unencryptedMasterKey: new Uint8Array(key),
        wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
      }),
    });
  }

  async seal(plaintext: Uint8Array, identity: SessionIdentity): Promise<Uint8Array> {
    const { result } = await this.#client.encrypt(this.#materials, plaintext, {
      encryptionContext: authStateEncryptionContext(identity),
      suiteId: AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY,
      plaintextLength: plaintext.byteLength,
    });
    return result;
  }

  async open(sealed: Uint8Array, identity: SessionIdentity): Promise<Uint8Array> {
    const { plaintext, messageHeader } = await this.#client.decrypt(this.#materials, sealed);
    // The SDK authenticates the context it read from the message; that it is this session's is
    // ours to check.
    const expected = authStateEncryptionContext(identity);
    const found = messageHeader.encryptionContext;
    const matches =
      Object.keys(found).length === Object.keys(expected).length &&
      Object.entries(expected).every(([name, value]) => found[name] === value);
    if (!matches) throw new Error('the stored auth state was sealed for another session');
    return plaintext;
  }
}
