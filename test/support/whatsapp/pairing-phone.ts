import { createHmac, createPublicKey, randomBytes, randomInt, verify } from 'node:crypto';
import { type BinaryNode, Curve, jidDecode, proto } from 'baileys';

/**
 * The phone's side of linking a companion by QR code, for the WhatsApp server stand-in (tests
 * and benches only; production code must never import this file). The phone reads the QR,
 * signs the companion's identity key with the account's key, and the server hands that to the
 * companion as `<pair-success>`; the companion counter-signs and answers `<pair-device-sign>`.
 */

/** Where a QR payload starts (the part before it is a link to the phone's linked devices). */
const QR_FRAGMENT = '#';
/** Signature prefixes of WhatsApp's device-identity protocol (ADV), for a non-hosted account. */
const ACCOUNT_SIGNATURE_PREFIX = Buffer.from([6, 0]);
const DEVICE_SIGNATURE_PREFIX = Buffer.from([6, 1]);

/** What the phone reads from a companion's QR code. */
export interface PairingQr {
  ref: string;
  /** The companion's Noise static public key (it proves the QR belongs to that connection). */
  noiseKey: Buffer;
  /** The companion's Signal identity public key, which the account signs. */
  identityKey: Buffer;
  /** The secret both sides use to authenticate the device identity the server relays. */
  advSecret: Buffer;
  /** The companion's platform id (the 5th field; WhatsApp shows it in the linked devices). */
  platformId: string | undefined;
}

/** The WhatsApp account whose phone scans the QR. */
export interface PairingAccount {
  /** The account's phone-number JID, e.g. `5511987654321@s.whatsapp.net`. */
  jid: string;
  /** The account's LID (`<digits>@lid`); the stand-in makes one up when left out. */
  lid?: string;
  /** A WhatsApp Business account's verified name (sent as `<biz name>`); personal: none. */
  businessName?: string;
  /** The phone's platform as `<platform name>` (default `android`). */
  platform?: string;
}

/** The companion as linked: its own device JIDs (`user:device`). */
export interface LinkedCompanion {
  /** `5511987654321:1@s.whatsapp.net`, what Baileys stores as `creds.me.id`. */
  jid: string;
  /** `<lid user>:1@lid`, what Baileys stores as `creds.me.lid`. */
  lid: string;
  /** `user:device`, the stand-in's key for the companion (as in `receivedFrom`). */
  companion: string;
  device: number;
}

export function parsePairingQr(qr: string): PairingQr {
  const payload = qr.includes(QR_FRAGMENT) ? qr.slice(qr.indexOf(QR_FRAGMENT) + 1) : qr;
  const [ref, noiseKey, identityKey, advSecret, platformId] = payload.split(',');
  if (!ref || !noiseKey || !identityKey || !advSecret) {
    throw new Error('not a WhatsApp pairing QR payload');
  }
  return {
    ref,
    noiseKey: Buffer.from(noiseKey, 'base64'),
    identityKey: Buffer.from(identityKey, 'base64'),
    advSecret: Buffer.from(advSecret, 'base64'),
    platformId,
  };
}

/** The companion's JIDs once linked as device `device` of the account. */
export function linkedCompanion(
  account: PairingAccount,
  accountLid: string,
  device: number,
): LinkedCompanion {
  const phone = jidDecode(account.jid);
  const lid = jidDecode(accountLid);
  if (!phone?.user || phone.server !== 's.whatsapp.net') {
    throw new Error('the account JID must be <number>@s.whatsapp.net');
  }
  if (!lid?.user || lid.server !== 'lid') throw new Error('the account LID must be <digits>@lid');
  return {
    jid: `${phone.user}:${device}@s.whatsapp.net`,
    lid: `${lid.user}:${device}@lid`,
    companion: `${phone.user}:${device}`,
    device,
  };
}

/** What the phone and the server keep from a pair-success to check the companion's answer. */
export interface PairSuccess {
  stanza: BinaryNode;
  accountSignatureKey: Buffer;
  deviceDetails: Buffer;
}

/**
 * The `<iq><pair-success>` the server sends the companion once the phone scanned its QR: the
 * device identity (details signed by the account key, then authenticated with the QR's secret),
 * the companion's JIDs, the phone's platform and, for a business, its verified name.
 */
export function pairSuccess(
  id: string,
  qr: PairingQr,
  account: PairingAccount,
  companion: LinkedCompanion,
): PairSuccess {
  const accountKey = Curve.generateKeyPair();
  const deviceDetails = Buffer.from(
    proto.ADVDeviceIdentity.encode({
      rawId: randomInt(1, 2 ** 31),
      timestamp: Math.floor(Date.now() / 1000),
      keyIndex: companion.device,
      accountType: proto.ADVEncryptionType.E2EE,
      deviceType: proto.ADVEncryptionType.E2EE,
    }).finish(),
  );
  const accountSignature = Curve.sign(
    accountKey.private,
    Buffer.concat([ACCOUNT_SIGNATURE_PREFIX, deviceDetails, qr.identityKey]),
  );
  const signed = Buffer.from(
    proto.ADVSignedDeviceIdentity.encode({
      details: deviceDetails,
      accountSignatureKey: accountKey.public,
      accountSignature,
    }).finish(),
  );
  const hmac = createHmac('sha256', qr.advSecret).update(signed).digest();
  const deviceIdentity = proto.ADVSignedDeviceIdentityHMAC.encode({
    details: signed,
    hmac,
  }).finish();
  const content: BinaryNode[] = [
    { tag: 'device-identity', attrs: {}, content: Buffer.from(deviceIdentity) },
    { tag: 'platform', attrs: { name: account.platform ?? 'android' } },
    { tag: 'device', attrs: { jid: companion.jid, lid: companion.lid } },
  ];
  if (account.businessName) content.push({ tag: 'biz', attrs: { name: account.businessName } });
  return {
    stanza: {
      tag: 'iq',
      attrs: {
        from: 's.whatsapp.net',
        type: 'set',
        id,
        t: String(Math.floor(Date.now() / 1000)),
      },
      content: [{ tag: 'pair-success', attrs: {}, content }],
    },
    accountSignatureKey: Buffer.from(accountKey.public),
    deviceDetails,
  };
}

/**
 * Checks the companion's `<pair-device-sign>` answer: the same details and account signature,
 * now counter-signed with the companion's identity key (as the phone verifies it).
 */
export function verifyPairDeviceSign(
  reply: BinaryNode,
  sent: PairSuccess,
  identityKey: Buffer,
): void {
  const sign = child(reply, 'pair-device-sign');
  const identity = child(sign, 'device-identity');
  if (!(identity?.content instanceof Uint8Array)) {
    throw new Error('the companion answered pair-success without a signed device identity');
  }
  const signed = proto.ADVSignedDeviceIdentity.decode(identity.content);
  if (!Buffer.from(signed.details ?? []).equals(sent.deviceDetails)) {
    throw new Error('the companion signed other device details than the ones it was sent');
  }
  const deviceSignature = signed.deviceSignature ?? new Uint8Array();
  const signedBytes = Buffer.concat([
    DEVICE_SIGNATURE_PREFIX,
    sent.deviceDetails,
    identityKey,
    sent.accountSignatureKey,
  ]);
  if (!verifyCurveSignature(identityKey, signedBytes, deviceSignature)) {
    throw new Error("the companion's device signature does not verify");
  }
}

const FIELD_PRIME = 2n ** 255n - 19n;
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Checks a Curve25519 signature as Signal's libraries make them (an Ed25519 signature by the
 * Edwards form of the Montgomery key, the Edwards key's sign bit carried in the signature's
 * last byte). Our own check, because Baileys 7.0.0-rc14's `Curve.verify` returns true for any
 * well-formed signature: it drops the result of the check it calls.
 */
export function verifyCurveSignature(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  const montgomery = publicKey.length === 33 ? publicKey.subarray(1) : publicKey;
  if (montgomery.length !== 32 || signature.length !== 64) return false;
  const u = littleEndian(montgomery) & ((1n << 255n) - 1n);
  // The birational map from Curve25519 to Ed25519: y = (u - 1) / (u + 1).
  const y = mod((u - 1n) * power(mod(u + 1n), FIELD_PRIME - 2n));
  const edwards = toLittleEndian(y);
  edwards[31] = (edwards[31] ?? 0) | ((signature[63] ?? 0) & 0x80);
  const ed25519Signature = Buffer.from(signature);
  ed25519Signature[63] = (ed25519Signature[63] ?? 0) & 0x7f;
  const key = createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, edwards]),
    format: 'der',
    type: 'spki',
  });
  return verify(null, message, key, ed25519Signature);
}

function mod(value: bigint): bigint {
  const rest = value % FIELD_PRIME;
  return rest < 0n ? rest + FIELD_PRIME : rest;
}

function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let factor = base;
  for (let rest = exponent; rest > 0n; rest >>= 1n) {
    if (rest & 1n) result = mod(result * factor);
    factor = mod(factor * factor);
  }
  return result;
}

function littleEndian(bytes: Uint8Array): bigint {
  return bytes.reduceRight((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

function toLittleEndian(value: bigint): Buffer {
  const bytes = Buffer.alloc(32);
  let rest = value;
  for (let index = 0; index < 32; index += 1) {
    bytes[index] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}

/** A made-up but well-formed account LID (15 digits, as WhatsApp's are). */
export function newAccountLid(): string {
  const high = randomInt(100_000, 1_000_000);
  const low = String(randomInt(0, 1_000_000_000)).padStart(9, '0');
  return `${high}${low}@lid`;
}

/** A pairing ref as WhatsApp sends them (opaque to the companion). */
export function newPairingRef(): string {
  return `2@${randomBytes(48).toString('base64')}`;
}

function child(node: BinaryNode | undefined, tag: string): BinaryNode | undefined {
  return Array.isArray(node?.content) ? node.content.find((c) => c.tag === tag) : undefined;
}
