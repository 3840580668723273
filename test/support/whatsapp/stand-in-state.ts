import { type BinaryNode, jidDecode, type proto } from 'baileys';
import type { StandInTraffic } from './encrypted-traffic.ts';
import type { CertificateChainOptions } from './server-noise.ts';
import { StandInAccountHealth } from './stand-in-account-health.ts';
import { ReplyScript } from './stand-in-replies.ts';

/**
 * What the WhatsApp server stand-in holds across its connections (accounts allowed to log in,
 * live connections, queued offline stanzas, the trickle's counters), shared by the files that
 * serve a connection, pair a phone and push stanzas. Tests reach it only through the stand-in.
 */

export const SERVER = 's.whatsapp.net';

export type Send = (node: BinaryNode) => void;

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
  /** Really encrypted messages in place of the random trickle (encrypted-traffic.ts). */
  traffic?: StandInTraffic;
  /** Keep every stanza in `ConnectionRecord.received` (default); off for long bench runs. */
  keepStanzas?: boolean;
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

export interface StandInState {
  readonly options: StandInOptions;
  /** The next answers to each kind of IQ: WhatsApp's errors, or none (see stand-in-replies). */
  readonly script: ReplyScript;
  /** Companions (`user:device`) allowed to log in, with the LID WhatsApp assigned each. */
  readonly registered: Map<string, { lid: string }>;
  readonly connections: ConnectionRecord[];
  /** Logged-in connections, and how to send to each. */
  readonly live: Map<ConnectionRecord, Send>;
  /** Registration connections whose QR codes a phone may still scan. */
  readonly pairable: Map<ConnectionRecord, { send: Send; noiseKey: Buffer }>;
  /** Stanzas to deliver to a companion at its next login, as WhatsApp queues them offline. */
  readonly offlineQueue: Map<string, BinaryNode[]>;
  /** The incoming-message trickle: its rate for every connection, and what it pushed. */
  readonly trickle: { perMinute: number; pushed: number; seq: number };
  /** WhatsApp restricting an account: temporary bans, the reach-out time lock. */
  readonly accountHealth: StandInAccountHealth;
  /** An id for a server-initiated IQ (`pair-1`, `pair-2`, ...). */
  nextPairingStanzaId(): string;
  /** Lets the companion `user:device` (its creds.me.id) log in; `lid` as WhatsApp assigns. */
  register(meId: string, lid?: string): void;
  /** Wakes every `waitUntil` to check its condition again. */
  wake(): void;
  waitUntil(condition: () => boolean, timeoutMs?: number): Promise<void>;
}

export function createStandInState(options: StandInOptions): StandInState {
  const registered = new Map<string, { lid: string }>();
  const waiters = new Set<() => void>();
  let stanzaSeq = 0;
  const live = new Map<ConnectionRecord, Send>();
  const sendToLive = (node: BinaryNode, companion: string): number => {
    const sends = [...live].filter(([record]) => record.companion === companion);
    for (const [, send] of sends) send(node);
    return sends.length;
  };
  return {
    options: { ...options },
    script: new ReplyScript(),
    registered,
    connections: [],
    live,
    accountHealth: new StandInAccountHealth(sendToLive),
    pairable: new Map(),
    offlineQueue: new Map(),
    trickle: { perMinute: options.messagesPerMinute ?? 0, pushed: 0, seq: 0 },
    nextPairingStanzaId: () => `pair-${++stanzaSeq}`,
    register(meId, lid = `${100_000_000 + registered.size}:${0}@lid`) {
      const decoded = jidDecode(meId);
      if (!decoded) throw new Error(`not a JID: ${meId}`);
      registered.set(`${decoded.user}:${decoded.device ?? 0}`, { lid });
    },
    wake() {
      for (const resolve of [...waiters]) resolve();
    },
    async waitUntil(condition, timeoutMs = 10_000) {
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
    },
  };
}
