import { type BinaryNode, encodeWAMessage, getBinaryNodeChild, type proto } from 'baileys';
import {
  GroupCipher,
  GroupSessionBuilder,
  SenderKeyName,
  SenderKeyRecord,
} from 'baileys/lib/Signal/Group/index.js';
import {
  ProtocolAddress,
  SessionBuilder,
  SessionCipher,
  type SessionRecord,
  type SignalStorage,
} from 'libsignal';
import * as curve from 'libsignal/src/curve.js';

/**
 * The sending side of WhatsApp's end-to-end encryption, for the stand-in: a contact that
 * builds a Signal session from the pre-keys a companion uploaded (`<iq xmlns="encrypt">`) and
 * encrypts to it with libsignal, the implementation Baileys itself decrypts with, and a group
 * sender that distributes its sender key and encrypts with Baileys' own group cipher. No crypto
 * of our own: the messages are what a WhatsApp client sends, and the companion's real code
 * decrypts them (or, for the chats a directory reader ignores, does not).
 */

/** A companion's key bundle as the server holds it after the companion's pre-key upload. */
export interface UploadedKeyBundle {
  registrationId: number;
  /** Identity key with its type byte (33 bytes), as libsignal takes it. */
  identityKey: Buffer;
  signedPreKey: { keyId: number; publicKey: Buffer; signature: Buffer };
  /** One-time pre-keys not handed out yet; each contact that builds a session takes one. */
  preKeys: { keyId: number; publicKey: Buffer }[];
}

const KEY_TYPE = Buffer.from([5]);
const withKeyType = (key: Uint8Array) =>
  key.length === 33 ? Buffer.from(key) : Buffer.concat([KEY_TYPE, key]);

function childBytes(node: BinaryNode | undefined, tag: string): Buffer | undefined {
  const content = node && getBinaryNodeChild(node, tag)?.content;
  return content instanceof Uint8Array ? Buffer.from(content) : undefined;
}

const bigEndian = (bytes: Buffer | undefined) =>
  bytes ? bytes.reduce((value, byte) => value * 256 + byte, 0) : Number.NaN;

/** The bundle in a companion's pre-key upload (`<iq type="set" xmlns="encrypt">`), if it is one. */
export function parsePreKeyUpload(iq: BinaryNode): UploadedKeyBundle | undefined {
  if (iq.tag !== 'iq' || iq.attrs.xmlns !== 'encrypt' || iq.attrs.type !== 'set') return undefined;
  const identity = childBytes(iq, 'identity');
  const list = getBinaryNodeChild(iq, 'list');
  const skey = getBinaryNodeChild(iq, 'skey');
  const signedPublic = childBytes(skey, 'value');
  const signature = childBytes(skey, 'signature');
  if (!identity || !list || !skey || !signedPublic || !signature) return undefined;
  const keys = Array.isArray(list.content) ? list.content : [];
  return {
    registrationId: bigEndian(childBytes(iq, 'registration')),
    identityKey: withKeyType(identity),
    signedPreKey: {
      keyId: bigEndian(childBytes(skey, 'id')),
      publicKey: withKeyType(signedPublic),
      signature,
    },
    preKeys: keys.flatMap((key) => {
      const value = childBytes(key, 'value');
      return value
        ? [{ keyId: bigEndian(childBytes(key, 'id')), publicKey: withKeyType(value) }]
        : [];
    }),
  };
}

/** What goes into an `<enc>` element: its type and its bytes. */
export interface Encrypted {
  type: 'pkmsg' | 'msg' | 'skmsg';
  body: Buffer;
}

/**
 * One WhatsApp contact (one device of it): its identity, its pairwise sessions with companions
 * and its sender keys for groups. `encryptTo` builds a session from the companion's bundle on
 * first use (the message goes out as `pkmsg`); `confirm` marks the session as answered, after
 * which libsignal sends plain `msg`, as a real sender does once it has heard from that device.
 */
export class SignalContact {
  readonly #identity = curve.generateKeyPair();
  readonly #registrationId = 1 + Math.floor(Math.random() * 16_000);
  readonly #sessions = new Map<string, SessionRecord>();
  readonly #senderKeys = new Map<string, SenderKeyRecord>();
  readonly #storage: SignalStorage;

  readonly jid: string;

  constructor(jid: string) {
    this.jid = jid;
    const identity = {
      pubKey: Buffer.from(this.#identity.pubKey),
      privKey: Buffer.from(this.#identity.privKey),
    };
    this.#storage = {
      loadSession: async (id) => this.#sessions.get(id),
      storeSession: async (id, record) => {
        this.#sessions.set(id, record);
      },
      isTrustedIdentity: () => true,
      loadPreKey: async () => undefined,
      removePreKey: () => undefined,
      loadSignedPreKey: () => identity,
      getOurRegistrationId: () => this.#registrationId,
      getOurIdentity: () => identity,
    };
  }

  /** Whether this contact has a session with `companion` (`user.device`). */
  hasSession(companion: string): boolean {
    return this.#sessions.has(companionAddress(companion).toString());
  }

  async encryptTo(
    companion: string,
    takeBundle: () => UploadedKeyBundle,
    message: proto.IMessage,
  ): Promise<Encrypted> {
    const address = companionAddress(companion);
    if (!this.#sessions.has(address.toString())) {
      const bundle = takeBundle();
      const preKey = bundle.preKeys.shift();
      await new SessionBuilder(this.#storage, address).initOutgoing({
        registrationId: bundle.registrationId,
        identityKey: bundle.identityKey,
        signedPreKey: bundle.signedPreKey,
        // A bundle whose one-time keys are all handed out still opens a session (signed key only).
        ...(preKey && { preKey }),
      } as Parameters<SessionBuilder['initOutgoing']>[0]);
    }
    const sealed = await new SessionCipher(this.#storage, address).encrypt(
      encodeWAMessage(message),
    );
    return {
      type: sealed.type === 3 ? 'pkmsg' : 'msg',
      body: Buffer.from(sealed.body as unknown as Uint8Array),
    };
  }

  /** The companion answered (WhatsApp's delivery receipt): later messages go as `msg`. */
  confirm(companion: string): void {
    const record = this.#sessions.get(companionAddress(companion).toString()) as
      | (SessionRecord & { getOpenSession(): { pendingPreKey?: unknown } | undefined })
      | undefined;
    const open = record?.getOpenSession();
    if (open) delete open.pendingPreKey;
  }

  /**
   * A group message from this contact: the `skmsg` sealed with its sender key for `group`,
   * and, the first time, the sender-key distribution message to hand to each member pairwise.
   */
  async encryptToGroup(
    group: string,
    message: proto.IMessage,
  ): Promise<{ skmsg: Encrypted; distribution?: proto.Message.ISenderKeyDistributionMessage }> {
    const name = new SenderKeyName(group, { id: this.jid, deviceId: 0, toString: () => this.jid });
    const store = {
      loadSenderKey: async (key: SenderKeyName) =>
        this.#senderKeys.get(key.toString()) ?? new SenderKeyRecord(),
      storeSenderKey: async (key: SenderKeyName, record: SenderKeyRecord) => {
        this.#senderKeys.set(key.toString(), record);
      },
    };
    const first = !this.#senderKeys.has(name.toString());
    const distribution = await new GroupSessionBuilder(store).create(name);
    const body = await new GroupCipher(store, name).encrypt(encodeWAMessage(message));
    return {
      skmsg: { type: 'skmsg', body: Buffer.from(body) },
      ...(first && {
        distribution: {
          groupId: group,
          axolotlSenderKeyDistributionMessage: distribution.serialize(),
        },
      }),
    };
  }
}

/** libsignal's address of a companion `user:device` (as the stand-in names companions). */
function companionAddress(companion: string): ProtocolAddress {
  const [user = '', device = '0'] = companion.split(':');
  return new ProtocolAddress(user, Number(device));
}
