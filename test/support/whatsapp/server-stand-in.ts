import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  type BinaryNode,
  Curve,
  decodeBinaryNode,
  encodeBinaryNode,
  jidDecode,
  type proto,
  WA_CERT_DETAILS,
} from 'baileys';
import { WebSocketServer } from 'ws';
import {
  type LinkedCompanion,
  linkedCompanion,
  newAccountLid,
  newPairingRef,
  type PairingAccount,
  pairSuccess,
  parsePairingQr,
  verifyPairDeviceSign,
} from './pairing-phone.ts';
import { type CertificateChainOptions, certificateChain, ServerNoise } from './server-noise.ts';
import { StandInAccountHealth } from './stand-in-account-health.ts';
import { contactLookupAnswer, iqErrorReply, ReplyScript } from './stand-in-replies.ts';

/**
 * A loopback stand-in for WhatsApp's chat server, for tests and the capacity bench only: it
 * completes the Noise XX handshake as the server (with a certificate chain signed by a test
 * root key, see trustTestRootKey), logs registered companions in, answers the IQs Baileys sends
 * after login and its keep-alive pings, answers profile queries, and pushes a steady trickle of
 * incoming messages. Production code must never import this file.
 *
 * A companion that is not linked yet (a registration login) is offered pairing refs as
 * WhatsApp does (`<pair-device>`); `scanQr` then plays the phone that scans one of its QR codes:
 * WhatsApp's `<pair-success>`, the companion's signed answer, the stream error that asks it to
 * restart, and a login of the restarted companion with its new credentials.
 *
 * The trickle's messages are `<message><enc type="msg">` with random ciphertext: the stand-in
 * holds no Signal sessions, so Baileys fails to decrypt them and runs its real path for that
 * (a retry receipt to the sender, then a negative ack), which is what a companion does for
 * any message it cannot read, and costs at least as much as decrypting one.
 */

const SERVER = 's.whatsapp.net';

export interface StandInOptions {
  /** Incoming messages per minute pushed to every logged-in session (0: none). */
  messagesPerMinute?: number;
  /** Share of the trickle that comes from groups (ignored by a directory reader). */
  groupShare?: number;
  /** Pre-keys the server says it holds for a session (Baileys uploads more below 5). */
  preKeysOnServer?: number;
  /** Delay before answering a profile query, as WhatsApp's own latency. */
  profileReplyDelayMs?: number;
  /**
   * What a companion that is not linked yet gets at login: `serve` (default) offers it pairing
   * refs (`<pair-device>`) as WhatsApp does; `refuse` answers `<failure reason="401">`.
   */
  pairing?: 'serve' | 'refuse';
  /** Pairing refs offered to each registration login (WhatsApp sends 6 at a time). */
  pairingRefs?: number;
  /**
   * A chain WhatsApp would never send, to test the device's check of it: the leaf names
   * `another` key than the server's static one, another issuer serial, or other dates.
   */
  certificate?: Omit<CertificateChainOptions, 'leafKey'> & { leafKey?: 'another' };
  /** Numbers (digits) whose contact lookup answers with this LID only, no phone-number JID. */
  lidOnlyNumbers?: ReadonlyMap<string, string>;
}

/** A phone-number pairing-code request (`link_code_companion_reg`) as the server received it. */
export interface PairingCodeRequest {
  /** The phone number's JID the companion asked to link to. */
  jid: string;
  stage: string;
  /** What the phone would show, e.g. `Chrome (Mac OS)`. */
  platformDisplay: string;
}

/** What one connection's client sent after login, counted by kind. */
export interface ConnectionRecord {
  /** `user:device` of the companion that logged in, or undefined before login / for pairing. */
  companion: string | undefined;
  /** The registration payload of a companion that is not paired yet. */
  registration: proto.IClientPayload | undefined;
  /** The pairing refs offered to a registration login, in the order the companion shows them. */
  pairingRefs: string[];
  loggedIn: boolean;
  received: BinaryNode[];
  closed: boolean;
  /** Ends the connection from the server's side at once. */
  terminate?: () => void;
}

/** Test-only: makes Baileys accept certificates signed by `publicKey`; returns the undo. */
export function trustTestRootKey(publicKey: Uint8Array): () => void {
  const original = WA_CERT_DETAILS.PUBLIC_KEY;
  WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(publicKey);
  return () => {
    WA_CERT_DETAILS.PUBLIC_KEY = original;
  };
}

export async function startWhatsAppServerStandIn(options: StandInOptions = {}) {
  const root = Curve.generateKeyPair();
  const intermediate = Curve.generateKeyPair();
  const serverStatic = Curve.generateKeyPair();
  const certificate = certificateChain(root, intermediate, serverStatic.public, {
    ...options.certificate,
    ...(options.certificate?.leafKey === 'another' && { leafKey: Curve.generateKeyPair().public }),
  } as CertificateChainOptions);
  const registered = new Map<string, { lid: string }>();
  const connections: ConnectionRecord[] = [];
  /** Registration connections whose QR codes a phone may still scan. */
  const pairable = new Map<
    ConnectionRecord,
    { send: (node: BinaryNode) => void; noiseKey: Buffer }
  >();
  const paired: LinkedCompanion[] = [];
  const accountLids = new Map<string, string>();
  const devicesLinked = new Map<string, number>();
  let stanzaSeq = 0;
  const live = new Map<ConnectionRecord, (node: BinaryNode) => void>();
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const resolve of [...waiters]) resolve();
  };
  let messageSeq = 0;
  let trickleRate = options.messagesPerMinute ?? 0;
  let pushedMessages = 0;
  const script = new ReplyScript();
  const accountHealth = new StandInAccountHealth((node, companion) => push(node, companion));
  /** Stanzas to deliver to a companion at its next login, as WhatsApp queues them offline. */
  const offlineQueue = new Map<string, BinaryNode[]>();

  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) => {
    const record: ConnectionRecord = {
      companion: undefined,
      registration: undefined,
      pairingRefs: [],
      loggedIn: false,
      received: [],
      closed: false,
    };
    record.terminate = () => socket.terminate();
    connections.push(record);
    let trickle: NodeJS.Timeout | undefined;
    const noise = new ServerNoise(serverStatic, certificate);
    const send = (node: BinaryNode) => {
      if (socket.readyState !== socket.OPEN) return;
      socket.send(noise.frame(encodeBinaryNode(node)));
    };
    const onNode = (node: BinaryNode) => {
      record.received.push(node);
      if (!accountHealth.answer(node, send)) answer(node, send, options, script);
      wake();
    };
    const onLogin = (payload: proto.ClientPayload) => {
      if (!payload.username) {
        // A companion that is not linked yet: registration (pairing).
        record.registration = payload;
        if ((options.pairing ?? 'serve') === 'refuse') {
          send({ tag: 'failure', attrs: { reason: '401', location: 'loopback' } });
          wake();
          return;
        }
        record.pairingRefs = Array.from({ length: options.pairingRefs ?? 6 }, newPairingRef);
        pairable.set(record, { send, noiseKey: noise.clientStatic });
        send({
          tag: 'iq',
          attrs: { from: SERVER, type: 'set', id: `pair-${++stanzaSeq}` },
          content: [
            {
              tag: 'pair-device',
              attrs: {},
              content: record.pairingRefs.map(
                (ref): BinaryNode => ({ tag: 'ref', attrs: {}, content: Buffer.from(ref) }),
              ),
            },
          ],
        });
        wake();
        return;
      }
      const companion = `${payload.username}:${payload.device ?? 0}`;
      record.companion = companion;
      const account = registered.get(companion);
      if (!account) {
        send({ tag: 'failure', attrs: { reason: '401', location: 'loopback' } });
        wake();
        return;
      }
      const refusal = accountHealth.loginRefusal(companion);
      if (refusal) {
        send(refusal);
        wake();
        return;
      }
      record.loggedIn = true;
      live.set(record, send);
      send({
        tag: 'success',
        attrs: {
          t: String(Math.floor(Date.now() / 1000)),
          lid: account.lid,
          props: '1',
          abprops: '1',
          location: 'loopback',
          creation: '1700000000',
        },
      });
      // The messages queued while the device was offline, then WhatsApp's count of them.
      const queued = offlineQueue.get(companion) ?? [];
      offlineQueue.delete(companion);
      for (const message of queued) send({ ...message, attrs: { ...message.attrs, offline: '1' } });
      send({
        tag: 'ib',
        attrs: {},
        content: [{ tag: 'offline', attrs: { count: String(queued.length) } }],
      });
      // Spread over the interval so sessions do not all receive at the same instant.
      const next = (first: boolean) => {
        const perMinute = trickleRate;
        if (perMinute <= 0) {
          trickle = setTimeout(() => next(true), 1_000);
          return;
        }
        const everyMs = 60_000 / perMinute;
        trickle = setTimeout(
          () => {
            if (trickleRate > 0) {
              send(incomingMessage(++messageSeq, Math.random() < (options.groupShare ?? 0)));
              pushedMessages += 1;
            }
            next(false);
          },
          first ? Math.random() * everyMs : everyMs,
        );
      };
      next(true);
      wake();
    };
    socket.on('message', (data: Buffer) => {
      noise.receive(Buffer.from(data), {
        reply: (bytes) => socket.send(bytes),
        onLogin,
        onNode: (bytes) => {
          decodeBinaryNode(bytes).then(onNode, () => socket.close());
        },
        onError: () => socket.close(),
      });
    });
    socket.on('close', () => {
      clearTimeout(trickle);
      record.closed = true;
      pairable.delete(record);
      live.delete(record);
      wake();
    });
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;

  const register = (meId: string, lid = `${100_000_000 + registered.size}:${0}@lid`): void => {
    const decoded = jidDecode(meId);
    if (!decoded) throw new Error(`not a JID: ${meId}`);
    registered.set(`${decoded.user}:${decoded.device ?? 0}`, { lid });
  };

  const waitUntil = async (condition: () => boolean, timeoutMs = 10_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('the stand-in did not see it in time');
      await new Promise<void>((resolve) => {
        const done = () => {
          waiters.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, 50);
        waiters.add(done);
      });
    }
  };

  const push = (node: BinaryNode, companion?: string): number => {
    let sent = 0;
    for (const [record, send] of live) {
      if (companion && record.companion !== companion) continue;
      send(node);
      sent += 1;
    }
    return sent;
  };

  return {
    url: `ws://127.0.0.1:${port}/ws/chat`,
    /** WhatsApp restricting an account: temporary bans, the reach-out time lock. */
    accountHealth,
    rootPublicKey: root.public,
    /** The next answers to each kind of IQ: WhatsApp's errors, or none (see stand-in-replies). */
    script,
    connections,
    /** Lets the companion `user:device` (its creds.me.id) log in; `lid` as WhatsApp assigns. */
    register,
    /**
     * Plays the phone that scans `qr` (a companion's `connection.update` QR) for `account`:
     * finds the open registration connection that was offered its ref, checks the QR names
     * that connection's keys, sends WhatsApp's `<pair-success>`, waits for the companion's
     * signed answer and checks it, registers the new companion (so its restarted login
     * succeeds) and sends the stream error that asks it to restart (515). Each scan links a
     * new device of the account (1, 2, ...). Returns the companion as linked.
     */
    async scanQr(qr: string, account: PairingAccount, timeoutMs = 5_000): Promise<LinkedCompanion> {
      const scanned = parsePairingQr(qr);
      const entry = [...pairable].find(([record]) => record.pairingRefs.includes(scanned.ref));
      if (!entry) throw new Error('no open connection was offered this QR code ref');
      const [record, { send, noiseKey }] = entry;
      const identityKey = record.registration?.devicePairingData?.eIdent;
      if (!noiseKey.equals(scanned.noiseKey)) {
        throw new Error("the QR code's noise key is not the connection's");
      }
      if (!identityKey || !scanned.identityKey.equals(Buffer.from(identityKey))) {
        throw new Error("the QR code's identity key is not the one the companion registered");
      }
      // A connection links once: its other refs are spent with it.
      pairable.delete(record);
      const accountLid = account.lid ?? accountLids.get(account.jid) ?? newAccountLid();
      accountLids.set(account.jid, accountLid);
      const device = (devicesLinked.get(account.jid) ?? 0) + 1;
      devicesLinked.set(account.jid, device);
      const companion = linkedCompanion(account, accountLid, device);
      const id = `pair-${++stanzaSeq}`;
      const success = pairSuccess(id, scanned, account, companion);
      send(success.stanza);
      const isReply = (node: BinaryNode) => node.tag === 'iq' && node.attrs.id === id;
      await waitUntil(() => record.closed || record.received.some(isReply), timeoutMs);
      const reply = record.received.find(isReply);
      if (reply?.attrs.type !== 'result') {
        throw new Error('the companion did not accept pair-success');
      }
      verifyPairDeviceSign(reply, success, scanned.identityKey);
      register(companion.jid, companion.lid);
      paired.push(companion);
      send({ tag: 'stream:error', attrs: { code: '515' } });
      wake();
      return companion;
    },
    /** Connections that logged in as a companion not linked yet. */
    registrations(): ConnectionRecord[] {
      return connections.filter((connection) => connection.registration);
    },
    /** Companions linked by `scanQr`, in order. */
    paired(): LinkedCompanion[] {
      return [...paired];
    },
    /** Every phone-number pairing-code request any connection sent. */
    pairingCodeRequests(): PairingCodeRequest[] {
      return connections.flatMap((connection) =>
        connection.received.flatMap((node) => {
          const request = childOf(node, 'link_code_companion_reg');
          if (node.tag !== 'iq' || !request) return [];
          const display = childOf(request, 'companion_platform_display')?.content;
          return [
            {
              jid: request.attrs.jid ?? '',
              stage: request.attrs.stage ?? '',
              platformDisplay:
                display instanceof Uint8Array
                  ? Buffer.from(display).toString()
                  : String(display ?? ''),
            },
          ];
        }),
      );
    },
    /**
     * The phone removes the linked device (Settings, Linked devices, Log out): WhatsApp drops
     * the companion's registration and ends its live connections with a stream error 401
     * carrying `<conflict type="device_removed"/>`, as whatsmeow's LoggedOut handling reads it.
     */
    unlinkDevice(companion: string): number {
      registered.delete(companion);
      let ended = 0;
      for (const [record, send] of live) {
        if (record.companion !== companion) continue;
        send({
          tag: 'stream:error',
          attrs: { code: '401' },
          content: [{ tag: 'conflict', attrs: { type: 'device_removed' } }],
        });
        live.delete(record);
        ended += 1;
      }
      wake();
      return ended;
    },
    /** Queues stanzas for the companion's next login (delivered with `offline`, then counted). */
    queueOffline(companion: string, nodes: BinaryNode[]): void {
      offlineQueue.set(companion, [...(offlineQueue.get(companion) ?? []), ...nodes]);
    },
    /** Closes the companion's connections from the server's side (a server going away). */
    disconnect(companion: string): number {
      let closed = 0;
      for (const [record] of live) {
        if (record.companion !== companion) continue;
        record.terminate?.();
        closed += 1;
      }
      return closed;
    },
    /** Pushes a stanza to every logged-in connection of the companion (or all of them). */
    push,
    /** Stanzas every connection of a companion sent after login. */
    receivedFrom(companion: string): BinaryNode[] {
      return connections.filter((c) => c.companion === companion).flatMap((c) => c.received);
    },
    /** Changes the trickle for every connection, from its next message on. */
    setMessagesPerMinute(perMinute: number): void {
      trickleRate = perMinute;
    },
    get pushedMessages(): number {
      return pushedMessages;
    },
    loggedIn(): number {
      return [...live.keys()].length;
    },
    waitUntil,
    async stop(): Promise<void> {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type WhatsAppServerStandIn = Awaited<ReturnType<typeof startWhatsAppServerStandIn>>;

/** An incoming message as WhatsApp delivers it; `group` ones come from a group chat. */
export function incomingMessage(seq: number, group: boolean): BinaryNode {
  const sender = `55119${String(10_000_000 + (seq % 1_000)).slice(-8)}@s.whatsapp.net`;
  const id = `3EB0${seq.toString(16).toUpperCase().padStart(16, '0')}`;
  return {
    tag: 'message',
    attrs: {
      id,
      from: group ? '120363000000000001@g.us' : sender,
      ...(group && { participant: sender }),
      type: 'text',
      t: String(Math.floor(Date.now() / 1000)),
      notify: 'Loopback',
    },
    content: [
      { tag: 'enc', attrs: { v: '2', type: group ? 'skmsg' : 'msg' }, content: randomBytes(96) },
    ],
  };
}

/** The server's side of each IQ Baileys sends; everything else is only recorded. */
function answer(
  node: BinaryNode,
  send: (node: BinaryNode) => void,
  options: StandInOptions,
  script: ReplyScript,
): void {
  if (node.tag !== 'iq' || node.attrs.type === 'result' || node.attrs.type === 'error') return;
  const id = node.attrs.id ?? '';
  const scripted = script.take(node);
  if (scripted === 'no-answer') return;
  if (scripted) {
    send(iqErrorReply(id, scripted));
    return;
  }
  const first = Array.isArray(node.content) ? node.content[0] : undefined;
  const result = (content?: BinaryNode[]): BinaryNode => ({
    tag: 'iq',
    attrs: { from: SERVER, type: 'result', id },
    ...(content && { content }),
  });
  switch (`${node.attrs.xmlns}/${first?.tag ?? ''}`) {
    case 'encrypt/count':
      send(result([{ tag: 'count', attrs: { value: String(options.preKeysOnServer ?? 50) } }]));
      return;
    case 'encrypt/digest':
      send(result([{ tag: 'digest', attrs: {} }]));
      return;
    case 'abt/props':
      send(result([{ tag: 'props', attrs: { protocol: '1', hash: 'loopback' } }]));
      return;
    case 'blocklist/':
      send(result([{ tag: 'list', attrs: {} }]));
      return;
    case 'privacy/privacy':
      send(result([{ tag: 'privacy', attrs: {}, content: privacyCategories() }]));
      return;
    case 'usync/usync':
      setTimeout(
        () =>
          send(
            first?.attrs.mode === 'query' && first.attrs.context === 'interactive'
              ? contactLookupAnswer(id, first, options.lidOnlyNumbers)
              : usyncReply(id, first),
          ),
        options.profileReplyDelayMs ?? 0,
      );
      return;
    case 'md/link_code_companion_reg':
      // WhatsApp answers the companion's hello with a ref for the rest of the exchange.
      send(
        result([
          {
            tag: 'link_code_companion_reg',
            attrs: {},
            content: [
              { tag: 'link_code_pairing_ref', attrs: {}, content: Buffer.from(newPairingRef()) },
            ],
          },
        ]),
      );
      return;
    case 'w:profile:picture/picture':
      setTimeout(() => send(result([pictureOf(node, first)])), options.profileReplyDelayMs ?? 0);
      return;
    case 'w:biz/business_profile':
      setTimeout(
        () =>
          send(
            result([{ tag: 'business_profile', attrs: { v: '244' }, content: [profileOf(first)] }]),
          ),
        options.profileReplyDelayMs ?? 0,
      );
      return;
    default:
      // Keep-alive pings (w:p), passive/active, and anything else: an empty result.
      send(result());
  }
}

function childOf(node: BinaryNode | undefined, tag: string): BinaryNode | undefined {
  return Array.isArray(node?.content) ? node.content.find((child) => child.tag === tag) : undefined;
}

function privacyCategories(): BinaryNode[] {
  return ['last', 'online', 'profile', 'status', 'readreceipts', 'groupadd'].map((name) => ({
    tag: 'category',
    attrs: { name, value: 'all' },
  }));
}

/** A picture answer as WhatsApp gives it: the URL expires (`oe`, hex seconds) in a day. */
function pictureOf(iq: BinaryNode, picture: BinaryNode | undefined): BinaryNode {
  const type = picture?.attrs.type ?? 'image';
  const id = '1700000001';
  if (picture?.attrs.id === id) return { tag: 'picture', attrs: { status: '304' } };
  const expires = Math.floor(Date.now() / 1000 + 86_400)
    .toString(16)
    .toUpperCase();
  const path = `/v/t61.24694-24/${iq.attrs.target?.split('@')[0] ?? ''}_${id}_n.jpg?oe=${expires}`;
  return {
    tag: 'picture',
    attrs: { id, type, url: `https://pps.whatsapp.net${path}`, direct_path: path },
  };
}

function profileOf(query: BinaryNode | undefined): BinaryNode {
  const profile = Array.isArray(query?.content) ? query.content[0] : undefined;
  return { tag: 'profile', attrs: { jid: profile?.attrs.jid ?? '' } };
}

/** A user-sync reply for a personal account: status, picture and one device. */
function usyncReply(id: string, usync: BinaryNode | undefined): BinaryNode {
  const children = Array.isArray(usync?.content) ? usync.content : [];
  const list = children.find((child) => child.tag === 'list');
  const users = Array.isArray(list?.content) ? list.content : [];
  return {
    tag: 'iq',
    attrs: { from: SERVER, type: 'result', id },
    content: [
      {
        tag: 'usync',
        attrs: { sid: usync?.attrs.sid ?? '', index: '0', last: 'true' },
        content: [
          { tag: 'result', attrs: {} },
          {
            tag: 'list',
            attrs: {},
            content: users.map(
              (user): BinaryNode => ({
                tag: 'user',
                attrs: { jid: user.attrs.jid ?? '' },
                content: [
                  {
                    tag: 'status',
                    attrs: { t: '1700000000' },
                    content: Buffer.from('Loopback status'),
                  },
                  { tag: 'picture', attrs: { id: '1700000001', type: 'image' } },
                  {
                    tag: 'devices',
                    attrs: {},
                    content: [
                      {
                        tag: 'device-list',
                        attrs: {},
                        content: [{ tag: 'device', attrs: { id: '0' } }],
                      },
                    ],
                  },
                ],
              }),
            ),
          },
        ],
      },
    ],
  };
}
