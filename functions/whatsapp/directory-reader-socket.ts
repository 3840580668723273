import {
  type AuthenticationCreds,
  type AuthenticationState,
  type BinaryNode,
  Browsers,
  buildAckStanza,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isJidStatusBroadcast,
  makeCacheableSignalKeyStore,
  type UserFacingSocketConfig,
  type WASocket,
} from 'baileys';
import { BoundedCache, type BoundedCacheLimits } from './bounded-cache.ts';

/** Baileys' logger interface (not exported by name from its entry point). */
type ILogger = NonNullable<UserFacingSocketConfig['logger']>;

/**
 * Per-session ceilings of the caches Baileys keeps in memory. A worker holds thousands of
 * sessions, so each one is small: a profile reader sends nothing, so retry counters, device
 * lists and call offers barely fill; the signal key cache only saves key-store reads.
 */
export const DIRECTORY_READER_CACHE_LIMITS = {
  /** Signal sessions, pre-keys, tokens read through to the DynamoDB key store. */
  signalKeys: { maxEntries: 256, ttlMs: 5 * 60_000 },
  /** Decryption retries asked of senders, per message id (Baileys' default TTL: 1 hour). */
  retryCounters: { maxEntries: 128, ttlMs: 60 * 60_000 },
  /** Device lists of users (Baileys' default TTL: 5 minutes). */
  userDevices: { maxEntries: 128, ttlMs: 5 * 60_000 },
  callOffers: { maxEntries: 16, ttlMs: 5 * 60_000 },
  /** Placeholder resends asked of the phone for messages that arrived without content. */
  placeholderResends: { maxEntries: 64, ttlMs: 60 * 60_000 },
} as const satisfies Record<string, BoundedCacheLimits>;

export type DirectoryReaderCaches = {
  [name in keyof typeof DIRECTORY_READER_CACHE_LIMITS]: BoundedCache;
};

/** One set per session; it outlives reconnects so retry counters keep counting. */
export function createDirectoryReaderCaches(): DirectoryReaderCaches {
  const entries = Object.entries(DIRECTORY_READER_CACHE_LIMITS).map(
    ([name, limits]) => [name, new BoundedCache(limits)] as const,
  );
  return Object.fromEntries(entries) as DirectoryReaderCaches;
}

/**
 * Chats a profile reader has no use for: groups, broadcast lists, status updates and channels.
 * Baileys acknowledges their stanzas at once and never decrypts or emits them.
 */
export function isIgnoredJid(jid: string): boolean {
  return Boolean(
    isJidGroup(jid) || isJidBroadcast(jid) || isJidStatusBroadcast(jid) || isJidNewsletter(jid),
  );
}

/** No history sync of any kind: never downloaded, never processed. */
export function shouldSyncHistory(): boolean {
  return false;
}

/** The browser the device says it is (the phone lists it under Linked devices). */
export const DIRECTORY_READER_BROWSER = Browsers.macOS('Chrome');

/** How long the socket waits for WhatsApp, and how often it pings (Baileys' own when absent). */
export interface DirectoryReaderSocketTimings {
  connectTimeoutMs: number;
  /** Longest wait for Baileys' own queries (pre-keys, passive, props, ...); Baileys': 60 s. */
  queryTimeoutMs?: number | undefined;
  /** How often Baileys pings; it closes the socket after this plus 5 s with nothing received. */
  keepAliveIntervalMs?: number | undefined;
}

export interface DirectoryReaderSocketInput extends DirectoryReaderSocketTimings {
  auth: AuthenticationState;
  caches: DirectoryReaderCaches;
  logger: ILogger;
  webSocketUrl: string;
}

/**
 * The one place that decides how a worker's WhatsApp Web socket behaves: a directory reader,
 * which only answers profile lookups. It never appears online, never asks for or processes
 * history, skips group/broadcast/status/channel traffic, keeps no messages, and bounds every
 * cache Baileys lets us supply. What it still receives, and why, is in docs/whatsapp-socket.md.
 */
export function directoryReaderSocketConfig(
  input: DirectoryReaderSocketInput,
): UserFacingSocketConfig {
  const { caches } = input;
  return {
    auth: {
      creds: input.auth.creds,
      keys: makeCacheableSignalKeyStore(input.auth.keys, input.logger, caches.signalKeys),
    },
    waWebSocketUrl: input.webSocketUrl,
    logger: input.logger,
    browser: DIRECTORY_READER_BROWSER,
    connectTimeoutMs: input.connectTimeoutMs,
    // Baileys opens the session only after its pre-key count, passive and digest IQs are
    // answered or timed out: its 60 s default would keep lookups at 503 for minutes when
    // WhatsApp stays silent (whatsmeow serves meanwhile), so they wait as long as ours do.
    ...(input.queryTimeoutMs !== undefined && { defaultQueryTimeoutMs: input.queryTimeoutMs }),
    ...(input.keepAliveIntervalMs !== undefined && {
      keepAliveIntervalMs: input.keepAliveIntervalMs,
    }),
    // Never online: Baileys then sends an `unavailable` presence on connect, and the phone
    // keeps its notifications.
    markOnlineOnConnect: false,
    // No full-history request when linking (the companion's requireFullSync) ...
    syncFullHistory: false,
    // ... and no history notification downloaded or processed afterwards.
    shouldSyncHistoryMessage: shouldSyncHistory,
    shouldIgnoreJid: isIgnoredJid,
    // We keep no messages, so there is nothing to resend to a peer asking for a retry.
    getMessage: async () => undefined,
    // Left on (Baileys' default) on purpose: besides a small bounded cache of sent messages
    // (empty, we send none) it owns the retry path of undecryptable messages. Without it
    // Baileys asks the phone to resend every such message at once, before even sending the
    // retry receipt; with it that request waits 3 s and is dropped when the retry succeeds.
    enableRecentMessageCache: true,
    msgRetryCounterCache: caches.retryCounters,
    userDevicesCache: caches.userDevices,
    callOfferCache: caches.callOffers,
    placeholderResendCache: caches.placeholderResends,
  };
}

/**
 * Baileys' placeholder push name: its requestPairingCode names `me` `~` until the phone links.
 * It is no name: announced, contacts would see a `~`.
 */
const PLACEHOLDER_PUSH_NAME = '~';

function realPushName(name: string | undefined): string | undefined {
  return name && name !== PLACEHOLDER_PUSH_NAME ? name : undefined;
}

/**
 * Keeps Baileys from announcing the device. Baileys 7.0.0-rc14 sends a `<presence>` without a
 * type (which WhatsApp may read as available) whenever a credentials update's push name differs
 * from the one it holds: every update without `me` (a pre-key top-up, an app-state key share),
 * a push name it learns, and the business name of a phone that links by QR. So each update is
 * handed over with the name Baileys already holds, after that name was set on the credentials
 * themselves: a real name is learned (and saved with the update) without the announcement,
 * and `~` (a stored placeholder included) counts as no name, so it is never sent either. A name
 * is learned only by a linked device (`account`, held or arriving with the update).
 */
export function neverAnnounceAvailable(socket: WASocket): void {
  const ev = socket.ev as WASocket['ev'] | undefined;
  const creds = socket.authState?.creds as AuthenticationCreds | undefined;
  if (!ev || !creds) return;
  if (creds.me && !realPushName(creds.me.name)) delete creds.me.name;
  const emit = ev.emit.bind(ev);
  ev.emit = ((event: string, data: unknown) => {
    if (event !== 'creds.update') return emit(event as 'creds.update', data as never);
    const update = data as Partial<AuthenticationCreds>;
    const me = creds.me ?? update.me;
    if (!me) return emit('creds.update', update);
    const linked = Boolean(update.account ?? creds.account);
    const name = (linked && realPushName(update.me?.name)) || realPushName(creds.me?.name);
    const named = { ...me, ...update.me };
    if (name) named.name = name;
    else delete named.name;
    creds.me = named;
    return emit('creds.update', { ...update, me: { ...named } });
  }) as WASocket['ev']['emit'];
}

/**
 * Acknowledges a message from a chat the reader ignores (group, broadcast list, status,
 * channel) with a plain `<ack class="message">`, as whatsmeow acknowledges every message it
 * received, and drops it before Baileys sees it. Baileys 7.0.0-rc14 answers these with
 * `error="500"` (UnhandledError), a negative ack: the sender's device may then count this
 * device as broken, and a server that takes the nack as "not delivered" may deliver the message
 * again. Receipts and notifications from those chats still reach Baileys, which acks them
 * plainly. Nothing is decrypted either way; see docs/whatsapp-socket.md for the cost.
 */
export function acknowledgeIgnoredMessages(socket: WASocket): void {
  const ws = socket.ws as WASocket['ws'] | undefined;
  if (!ws) return;
  const emit = ws.emit.bind(ws);
  ws.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (typeof event === 'string' && (event === 'CB:message' || event.startsWith('CB:message,'))) {
      const node = args[0] as BinaryNode | undefined;
      const from = node?.attrs?.from;
      if (node && from && isIgnoredJid(from)) {
        // Baileys emits each frame under several names; the last, plain one acks it once.
        if (event === 'CB:message') {
          const ack = buildAckStanza(node, undefined, socket.authState.creds.me?.id);
          socket.sendNode(ack).catch(() => undefined);
        }
        return true;
      }
    }
    return emit(event, ...args);
  }) as typeof ws.emit;
}

/** What the socket's config cannot say: no announcement, plain acks for ignored chats. */
export function behaveAsDirectoryReader(socket: WASocket): void {
  neverAnnounceAvailable(socket);
  acknowledgeIgnoredMessages(socket);
}
