import { type BinaryNode, proto } from 'baileys';
import { parsePreKeyUpload, SignalContact, type UploadedKeyBundle } from './signal-contact.ts';

/**
 * Incoming messages that are really end-to-end encrypted for each companion, for the stand-in
 * (see `StandInOptions.traffic`): the server's side of the companion's pre-key upload and
 * count, and the next message of a mix of chats. One-to-one messages come from a few contacts
 * per companion; each contact's first one is a `pkmsg` built from a pre-key the companion
 * uploaded, and once the companion's delivery receipt arrives the contact sends `msg`. Group
 * and status messages carry an `skmsg` (and, from a sender's first one, its sender-key
 * distribution pairwise); broadcast-list messages are pairwise; channel messages are plaintext,
 * as WhatsApp delivers newsletters.
 */

export type IncomingKind = 'one-to-one' | 'group' | 'status' | 'broadcast' | 'channel';

/** Shares of the incoming messages by kind (they need not add up to one). */
export type TrafficMix = Record<IncomingKind, number>;

/**
 * The mix docs/capacity.md assumes: 70 % one-to-one (decrypted), 30 % from chats a directory
 * reader ignores, split here as groups 20 %, status 6 %, broadcast lists 2 %, channels 2 %.
 */
export const CAPACITY_MIX: TrafficMix = {
  'one-to-one': 0.7,
  group: 0.2,
  status: 0.06,
  broadcast: 0.02,
  channel: 0.02,
};

/** CAPACITY_MIX with `share` of the messages from ignored chats, in the same proportions. */
export function mixWithIgnoredShare(share: number): TrafficMix {
  const ignored = 1 - CAPACITY_MIX['one-to-one'];
  const scale = (kind: Exclude<IncomingKind, 'one-to-one'>) =>
    (CAPACITY_MIX[kind] / ignored) * share;
  return {
    'one-to-one': 1 - share,
    group: scale('group'),
    status: scale('status'),
    broadcast: scale('broadcast'),
    channel: scale('channel'),
  };
}

/** What a stand-in asks of its traffic; see `StandInOptions.traffic`. */
export interface StandInTraffic {
  /** Sees every stanza a logged-in companion sends; true when it answered it. */
  onStanza(companion: string, node: BinaryNode, send: (node: BinaryNode) => void): boolean;
  /** The next incoming message for the companion, or undefined when it has none yet. */
  nextMessage(companion: string): Promise<BinaryNode | undefined>;
}

/**
 * Pre-keys the server reports beside those uploaded in this run: a linked device uploaded its
 * first 812 at linking, which the seeded sessions never did. With five, a login uploads a new
 * batch (Baileys uploads when the count is five or fewer) until this run's keys are spent.
 */
const KEYS_FROM_BEFORE = 5;

interface Companion {
  bundle: UploadedKeyBundle | undefined;
  contacts: SignalContact[];
  group: string;
  sent: number;
}

export interface TrafficCounts {
  sent: Record<IncomingKind, number>;
  /** `<enc>` elements by type, and `<plaintext>` ones. */
  byEncryption: Record<'pkmsg' | 'msg' | 'skmsg' | 'plaintext', number>;
  /** Delivery receipts for one-to-one messages: decrypted. */
  delivered: number;
  /** Retry receipts: messages the companion could not decrypt. */
  retries: number;
  /** Plain acks (no error) and negative acks of messages. */
  acks: number;
  nacks: number;
  preKeysUploaded: number;
  /** Messages not sent because the companion had uploaded no pre-keys yet. */
  withoutBundle: number;
}

export function encryptedTraffic(options: { contactsPerCompanion?: number; mix?: TrafficMix }) {
  const contactsPerCompanion = options.contactsPerCompanion ?? 4;
  let mix = options.mix ?? CAPACITY_MIX;
  const companions = new Map<string, Companion>();
  const awaitingReceipt = new Map<string, { contact: SignalContact; companion: string }>();
  let seq = 0;
  const counts: TrafficCounts = {
    sent: { 'one-to-one': 0, group: 0, status: 0, broadcast: 0, channel: 0 },
    byEncryption: { pkmsg: 0, msg: 0, skmsg: 0, plaintext: 0 },
    delivered: 0,
    retries: 0,
    acks: 0,
    nacks: 0,
    preKeysUploaded: 0,
    withoutBundle: 0,
  };

  const companionOf = (companion: string): Companion => {
    let state = companions.get(companion);
    if (!state) {
      const index = companions.size;
      state = {
        bundle: undefined,
        contacts: Array.from(
          { length: contactsPerCompanion },
          (_, contact) =>
            new SignalContact(
              `5521${String(100_000_000 + index * 16 + contact).slice(-9)}@s.whatsapp.net`,
            ),
        ),
        group: `1203630${String(10_000_000_000 + index).slice(-11)}@g.us`,
        sent: 0,
      };
      companions.set(companion, state);
    }
    return state;
  };

  const pickKind = (): IncomingKind => {
    const entries = Object.entries(mix) as [IncomingKind, number][];
    const total = entries.reduce((sum, [, share]) => sum + share, 0);
    let draw = Math.random() * total;
    for (const [kind, share] of entries) {
      draw -= share;
      if (draw < 0) return kind;
    }
    return 'one-to-one';
  };

  const enc = (type: 'pkmsg' | 'msg' | 'skmsg', body: Buffer): BinaryNode => {
    counts.byEncryption[type] += 1;
    return { tag: 'enc', attrs: { v: '2', type }, content: body };
  };

  const envelope = (attrs: Record<string, string>, content: BinaryNode[]): BinaryNode => ({
    tag: 'message',
    attrs: {
      id: `3EB0${(++seq).toString(16).toUpperCase().padStart(16, '0')}`,
      type: 'text',
      t: String(Math.floor(Date.now() / 1000)),
      notify: 'Loopback',
      ...attrs,
    },
    content,
  });

  const text = (kind: IncomingKind, n: number) => ({ conversation: `${kind} message ${n}` });

  async function nextMessage(companionId: string): Promise<BinaryNode | undefined> {
    const companion = companionOf(companionId);
    const bundle = companion.bundle;
    if (!bundle) {
      counts.withoutBundle += 1;
      return undefined;
    }
    const kind = pickKind();
    const n = ++companion.sent;
    const contact = companion.contacts[n % companion.contacts.length] as SignalContact;
    const takeBundle = () => bundle;
    counts.sent[kind] += 1;
    switch (kind) {
      case 'one-to-one': {
        const sealed = await contact.encryptTo(companionId, takeBundle, text(kind, n));
        const node = envelope({ from: contact.jid }, [enc(sealed.type as 'pkmsg', sealed.body)]);
        if (sealed.type === 'pkmsg')
          awaitingReceipt.set(node.attrs.id ?? '', { contact, companion: companionId });
        return node;
      }
      case 'group':
      case 'status': {
        // Two of the companion's contacts write in its group (and post statuses).
        const sender = companion.contacts[n % 2] as SignalContact;
        const chat = kind === 'group' ? companion.group : 'status@broadcast';
        const { skmsg, distribution } = await sender.encryptToGroup(chat, text(kind, n));
        const parts: BinaryNode[] = [];
        if (distribution) {
          const pairwise = await sender.encryptTo(companionId, takeBundle, {
            senderKeyDistributionMessage: distribution,
          });
          parts.push(enc(pairwise.type as 'pkmsg', pairwise.body));
        }
        parts.push(enc('skmsg', skmsg.body));
        return envelope({ from: chat, participant: sender.jid }, parts);
      }
      case 'broadcast': {
        const sealed = await contact.encryptTo(companionId, takeBundle, text(kind, n));
        return envelope(
          { from: `${1_700_000_000 + (n % 7)}@broadcast`, participant: contact.jid },
          [enc(sealed.type as 'pkmsg', sealed.body)],
        );
      }
      case 'channel':
        counts.byEncryption.plaintext += 1;
        return envelope({ from: '120363000000000777@newsletter', server_id: String(100 + n) }, [
          { tag: 'plaintext', attrs: {}, content: proto.Message.encode(text(kind, n)).finish() },
        ]);
    }
  }

  function onStanza(
    companionId: string,
    node: BinaryNode,
    send: (node: BinaryNode) => void,
  ): boolean {
    if (node.tag === 'receipt') {
      if (node.attrs.type === 'retry') counts.retries += 1;
      else {
        counts.delivered += 1;
        const waiting = awaitingReceipt.get(node.attrs.id ?? '');
        if (waiting) {
          awaitingReceipt.delete(node.attrs.id ?? '');
          waiting.contact.confirm(waiting.companion);
        }
      }
      return false;
    }
    if (node.tag === 'ack' && node.attrs.class === 'message') {
      if (node.attrs.error) counts.nacks += 1;
      else counts.acks += 1;
      return false;
    }
    if (node.tag !== 'iq' || node.attrs.xmlns !== 'encrypt') return false;
    const companion = companionOf(companionId);
    const first = Array.isArray(node.content) ? node.content[0] : undefined;
    const result = (content?: BinaryNode[]): BinaryNode => ({
      tag: 'iq',
      attrs: { from: 's.whatsapp.net', type: 'result', id: node.attrs.id ?? '' },
      ...(content && { content }),
    });
    if (node.attrs.type === 'get' && first?.tag === 'count') {
      const count = KEYS_FROM_BEFORE + (companion.bundle?.preKeys.length ?? 0);
      send(result([{ tag: 'count', attrs: { value: String(count) } }]));
      return true;
    }
    const upload = parsePreKeyUpload(node);
    if (upload) {
      counts.preKeysUploaded += upload.preKeys.length;
      companion.bundle = {
        ...upload,
        preKeys: [...(companion.bundle?.preKeys ?? []), ...upload.preKeys],
      };
      send(result());
      return true;
    }
    return false;
  }

  return {
    onStanza,
    nextMessage,
    counts,
    /** Changes the mix from the next message on. */
    setMix(next: TrafficMix): void {
      mix = next;
    },
  };
}

export type EncryptedTraffic = ReturnType<typeof encryptedTraffic>;
