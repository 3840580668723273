import { createCipheriv, createDecipheriv, createHash, hkdfSync } from 'node:crypto';
import { Curve, NOISE_MODE, proto, WA_CERT_DETAILS } from 'baileys';

/**
 * The server's side of WhatsApp Web's Noise handshake and framing, for the WhatsApp server
 * stand-in (tests and benches only; production code must never import this file).
 */

const KEY_LENGTH = 32;

export type KeyPair = { private: Uint8Array; public: Uint8Array };

/** How a test bends the chain: the leaf names another key, another issuer, or is out of date. */
export interface CertificateChainOptions {
  /** The key the leaf names (default: the server's static key). */
  leafKey?: Uint8Array;
  /** The serial the leaf names as its issuer (default: the intermediate's, 1). */
  leafIssuerSerial?: number;
  /** Validity of both certificates, epoch seconds (default: from a day ago to a day ahead). */
  notBefore?: number;
  notAfter?: number;
}

/**
 * Root signs the intermediate, the intermediate signs the leaf (the server's static key), each
 * with the validity dates WhatsApp's certificates carry.
 */
export function certificateChain(
  root: KeyPair,
  intermediate: KeyPair,
  serverStaticKey: Uint8Array,
  options: CertificateChainOptions = {},
): Buffer {
  const Details = proto.CertChain.NoiseCertificate.Details;
  const now = Math.floor(Date.now() / 1000);
  const validity = {
    notBefore: options.notBefore ?? now - 86_400,
    notAfter: options.notAfter ?? now + 86_400,
  };
  const intermediateDetails = Details.encode({
    serial: 1,
    issuerSerial: WA_CERT_DETAILS.SERIAL,
    key: intermediate.public,
    ...validity,
  }).finish();
  const leafDetails = Details.encode({
    serial: 2,
    issuerSerial: options.leafIssuerSerial ?? 1,
    key: options.leafKey ?? serverStaticKey,
    ...validity,
  }).finish();
  return Buffer.from(
    proto.CertChain.encode({
      intermediate: {
        details: intermediateDetails,
        signature: Buffer.from(Curve.sign(root.private, intermediateDetails)),
      },
      leaf: {
        details: leafDetails,
        signature: Buffer.from(Curve.sign(intermediate.private, leafDetails)),
      },
    }).finish(),
  );
}

export interface NoiseCallbacks {
  reply: (bytes: Buffer) => void;
  onLogin: (payload: proto.ClientPayload) => void;
  onNode: (bytes: Buffer) => void;
  onError: (error: unknown) => void;
}

/**
 * The responder's side of Noise_XX_25519_AESGCM_SHA256 as WhatsApp Web frames it: a 4-byte
 * intro from the client, then 3-byte big-endian length-prefixed frames; after the handshake
 * each frame is AES-256-GCM with a per-direction counter as nonce.
 */
export class ServerNoise {
  #hash: Buffer;
  #salt: Buffer;
  #key: Buffer;
  #counter = 0;
  #ephemeral: KeyPair | undefined;
  #transport: { enc: Buffer; dec: Buffer; readCounter: number; writeCounter: number } | undefined;
  #buffer = Buffer.alloc(0);
  #introSeen = false;
  #clientStatic: Buffer | undefined;
  readonly #static: KeyPair;
  readonly #certificate: Buffer;

  constructor(serverStatic: KeyPair, certificate: Buffer) {
    const mode = Buffer.from(NOISE_MODE);
    this.#hash = mode.length === KEY_LENGTH ? mode : sha256(mode);
    this.#salt = this.#hash;
    this.#key = this.#hash;
    this.#static = serverStatic;
    this.#certificate = certificate;
  }

  /** The client's Noise static public key (its `noiseKey`), once the handshake finished. */
  get clientStatic(): Buffer {
    if (!this.#clientStatic) throw new Error('handshake not finished');
    return this.#clientStatic;
  }

  frame(plaintext: Buffer): Buffer {
    const transport = this.#transport;
    if (!transport) throw new Error('handshake not finished');
    const data = gcm('encrypt', transport.enc, transport.writeCounter++, plaintext);
    return lengthPrefixed(data);
  }

  receive(data: Buffer, callbacks: NoiseCallbacks): void {
    try {
      this.#buffer = Buffer.concat([this.#buffer, data]);
      if (!this.#introSeen) {
        if (this.#buffer.length < 4) return;
        this.#mix(this.#buffer.subarray(0, 4));
        this.#buffer = this.#buffer.subarray(4);
        this.#introSeen = true;
      }
      while (this.#buffer.length >= 3) {
        const size = this.#buffer.readUIntBE(0, 3);
        if (this.#buffer.length < size + 3) return;
        const frame = this.#buffer.subarray(3, size + 3);
        this.#buffer = this.#buffer.subarray(size + 3);
        this.#onFrame(frame, callbacks);
      }
    } catch (error) {
      callbacks.onError(error);
    }
  }

  #onFrame(frame: Buffer, callbacks: NoiseCallbacks): void {
    const transport = this.#transport;
    if (transport) {
      callbacks.onNode(gcm('decrypt', transport.dec, transport.readCounter++, frame));
      return;
    }
    const message = proto.HandshakeMessage.decode(frame);
    if (message.clientHello?.ephemeral) {
      callbacks.reply(this.#serverHello(message.clientHello.ephemeral));
      return;
    }
    if (message.clientFinish?.static && message.clientFinish.payload && this.#ephemeral) {
      const clientStatic = this.#decryptAndHash(Buffer.from(message.clientFinish.static));
      this.#clientStatic = clientStatic;
      this.#mixKey(Curve.sharedKey(this.#ephemeral.private, clientStatic));
      const payload = this.#decryptAndHash(Buffer.from(message.clientFinish.payload));
      const [write, read] = this.#hkdf(Buffer.alloc(0));
      // The client encrypts with the first half: the server decrypts with it.
      this.#transport = { enc: read, dec: write, readCounter: 0, writeCounter: 0 };
      callbacks.onLogin(proto.ClientPayload.decode(payload));
      return;
    }
    throw new Error('unexpected handshake message');
  }

  #serverHello(clientEphemeral: Uint8Array): Buffer {
    this.#mix(Buffer.from(clientEphemeral));
    const ephemeral = Curve.generateKeyPair();
    this.#ephemeral = ephemeral;
    this.#mix(Buffer.from(ephemeral.public));
    this.#mixKey(Curve.sharedKey(ephemeral.private, clientEphemeral));
    const staticEncrypted = this.#encryptAndHash(Buffer.from(this.#static.public));
    this.#mixKey(Curve.sharedKey(this.#static.private, clientEphemeral));
    const payload = this.#encryptAndHash(this.#certificate);
    const hello = proto.HandshakeMessage.encode({
      serverHello: { ephemeral: ephemeral.public, static: staticEncrypted, payload },
    }).finish();
    return lengthPrefixed(Buffer.from(hello));
  }

  #mix(data: Buffer): void {
    this.#hash = sha256(Buffer.concat([this.#hash, data]));
  }

  #hkdf(input: Buffer): [Buffer, Buffer] {
    const key = Buffer.from(hkdfSync('sha256', input, this.#salt, Buffer.alloc(0), 64));
    return [key.subarray(0, KEY_LENGTH), key.subarray(KEY_LENGTH)];
  }

  #mixKey(input: Buffer): void {
    const [salt, key] = this.#hkdf(input);
    this.#salt = salt;
    this.#key = key;
    this.#counter = 0;
  }

  #encryptAndHash(plaintext: Buffer): Buffer {
    const ciphertext = gcm('encrypt', this.#key, this.#counter++, plaintext, this.#hash);
    this.#mix(ciphertext);
    return ciphertext;
  }

  #decryptAndHash(ciphertext: Buffer): Buffer {
    const plaintext = gcm('decrypt', this.#key, this.#counter++, ciphertext, this.#hash);
    this.#mix(ciphertext);
    return plaintext;
  }
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

function lengthPrefixed(data: Buffer): Buffer {
  const frame = Buffer.alloc(3 + data.length);
  frame.writeUIntBE(data.length, 0, 3);
  data.copy(frame, 3);
  return frame;
}

function gcm(
  direction: 'encrypt' | 'decrypt',
  key: Buffer,
  counter: number,
  data: Buffer,
  additionalData: Buffer = Buffer.alloc(0),
): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeUInt32BE(counter, 8);
  if (direction === 'encrypt') {
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(additionalData);
    return Buffer.concat([cipher.update(data), cipher.final(), cipher.getAuthTag()]);
  }
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(additionalData);
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
}
