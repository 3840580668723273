import { Logger } from '@aws-lambda-powertools/logger';
import type { BinaryNode } from 'baileys';
import { makeWASocket, proto, type UserFacingSocketConfig } from 'baileys';
import { describe, expect, it } from 'vitest';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import { BoundedCache } from '../../../functions/whatsapp/bounded-cache.ts';
import { createServingSession } from '../../../functions/whatsapp/serving-session.ts';
import type { SessionEvent } from '../../../functions/whatsapp/whatsapp-session.ts';
import { useSessionsTable } from '../../support/aws/sessions-table.ts';
import {
  linkedServingSession,
  pairingSession,
  signedDeviceIdentity,
  storeLinkedDevice,
} from '../../support/whatsapp/linked-device.ts';
import {
  startWhatsAppServerStandIn,
  trustTestRootKey,
  type WhatsAppServerStandIn,
} from '../../support/whatsapp/server-stand-in.ts';
import { incomingMessage } from '../../support/whatsapp/stand-in-pushes.ts';
import { testAuthStateStore } from '../../support/whatsapp/test-auth-state-store.ts';
import { useTrustedStandIn } from '../../support/whatsapp/use-trusted-stand-in.ts';

const logger = new Logger({
  serviceName: 'test',
  logLevel: (process.env.T_LOG as 'WARN') ?? 'SILENT',
});
const table = useSessionsTable();
const standIn = useTrustedStandIn();
let counter = 0;

/** A paired session (credentials with `me`, as after linking) that the stand-in knows. */
async function pairedSession(
  captured?: UserFacingSocketConfig[],
  server: WhatsAppServerStandIn = standIn.server,
) {
  counter += 1;
  const { session, events, companion } = await linkedServingSession(table, server, {
    identity: { tenantId: 't', userId: `reader-${counter}` },
    meId: `55119876${String(54_000 + counter)}:3@s.whatsapp.net`,
    logger,
    backoff: { baseMs: 50, maxMs: 200 },
    makeSocket: (config) => {
      captured?.push(config);
      return makeWASocket(config);
    },
  });
  await session.waitUntilOpen(AbortSignal.timeout(10_000), 10_000);
  const sent = () => server.receivedFrom(companion);
  return { session, companion, sent, events };
}

/** A pairing session of a fresh identity against the stand-in, its events kept. */
function newPairingSession() {
  counter += 1;
  const identity = { tenantId: 't', userId: `pairing-${counter}` };
  const events: SessionEvent[] = [];
  const session = pairingSession(table, identity, {
    webSocketUrl: standIn.server.url,
    logger,
    events,
  });
  return { session, events };
}

function acksOf(nodes: BinaryNode[], id: string | undefined) {
  return nodes.filter((node) => node.tag === 'ack' && node.attrs.id === id);
}

describe('directory reader socket against the WhatsApp server stand-in', () => {
  it('completes the Noise handshake and logs a paired session in', async () => {
    const { session, companion } = await pairedSession();

    const login = standIn.server.connections.find(
      (connection) => connection.companion === companion,
    );
    await session.close();

    expect(login?.loggedIn).toBe(true);
    expect(session.state).toBe('closed');
  });

  it('presents itself unavailable on connect and never available', async () => {
    const { session, sent } = await pairedSession();

    await standIn.server.waitUntil(() => sent().some((node) => node.tag === 'presence'));
    await session.close();

    const presences = sent().filter((node) => node.tag === 'presence');
    expect(presences.map((node) => node.attrs.type)).toEqual(['unavailable']);
  });

  it('sends no presence without a type when its credentials change (a pre-key top-up)', async () => {
    const lowOnPreKeys = await startWhatsAppServerStandIn({ preKeysOnServer: 3 });
    const untrustLow = trustTestRootKey(lowOnPreKeys.rootPublicKey);
    try {
      const { session, sent } = await pairedSession(undefined, lowOnPreKeys);

      await lowOnPreKeys.waitUntil(() =>
        sent().some((node) => node.tag === 'presence' && node.attrs.type === 'unavailable'),
      );
      await session.close();

      const upload = sent().find(
        (node) => node.tag === 'iq' && node.attrs.xmlns === 'encrypt' && node.attrs.type === 'set',
      );
      expect(upload).toBeDefined();
      const presences = sent().filter((node) => node.tag === 'presence');
      expect(presences.map((node) => node.attrs)).toEqual([{ name: 'Ana', type: 'unavailable' }]);
    } finally {
      untrustLow();
      await lowOnPreKeys.stop();
    }
  });

  it.each([
    ['a group', '120363000000000001@g.us'],
    ['a broadcast list', '1234567890@broadcast'],
    ['status updates', 'status@broadcast'],
    ['a channel', '120363000000000002@newsletter'],
  ])('acknowledges a message from %s plainly, without decrypting it', async (_kind, from) => {
    const { session, companion, sent } = await pairedSession();
    const message = incomingMessage(1_000 + counter, true);
    message.attrs.from = from;

    standIn.server.push(message, companion);
    await standIn.server.waitUntil(() => acksOf(sent(), message.attrs.id).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await session.close();

    const acks = acksOf(sent(), message.attrs.id);
    expect(acks).toHaveLength(1);
    expect(acks[0]?.attrs).toMatchObject({ class: 'message', to: from });
    // A plain ack, as whatsmeow sends: no negative acknowledgement (finding 7).
    expect(acks[0]?.attrs.error).toBeUndefined();
    // Decrypting (and failing) would have asked the sender for a retry first.
    const receipts = sent().filter((node) => node.tag === 'receipt');
    expect(receipts.filter((node) => node.attrs.id === message.attrs.id)).toEqual([]);
  });

  it('still decrypts one-to-one messages: an unreadable one gets a retry receipt and an ack', async () => {
    const { session, companion, sent } = await pairedSession();
    const message = incomingMessage(2_000 + counter, false);

    standIn.server.push(message, companion);
    await standIn.server.waitUntil(() => acksOf(sent(), message.attrs.id).length > 0);
    await session.close();

    const retry = sent().find(
      (node) =>
        node.tag === 'receipt' && node.attrs.id === message.attrs.id && node.attrs.type === 'retry',
    );
    expect(retry?.attrs.to).toBe(message.attrs.from);
    expect(acksOf(sent(), message.attrs.id)[0]?.attrs.class).toBe('message');
  });

  it('hands Baileys bounded caches and keeps no messages', async () => {
    const configs: UserFacingSocketConfig[] = [];
    const { session } = await pairedSession(configs);
    await session.close();

    const [config] = configs;
    expect(config?.msgRetryCounterCache).toBeInstanceOf(BoundedCache);
    expect(config?.userDevicesCache).toBeInstanceOf(BoundedCache);
    expect(config?.callOfferCache).toBeInstanceOf(BoundedCache);
    expect(config?.placeholderResendCache).toBeInstanceOf(BoundedCache);
    // The retry manager stays on: it defers asking the phone for an unreadable message.
    expect(config?.enableRecentMessageCache).toBe(true);
    expect(await config?.getMessage?.({ remoteJid: 'x@s.whatsapp.net', id: '1' })).toBeUndefined();
  });

  it('asks to process no history notification of any type', async () => {
    const configs: UserFacingSocketConfig[] = [];
    const { session } = await pairedSession(configs);
    await session.close();

    const shouldSync = configs[0]?.shouldSyncHistoryMessage;
    const types = Object.values(proto.HistorySync.HistorySyncType).filter(
      (value): value is number => typeof value === 'number',
    );
    expect(types.length).toBeGreaterThan(5);
    for (const syncType of types) {
      expect(shouldSync?.(proto.Message.HistorySyncNotification.create({ syncType }))).toBe(false);
    }
  });

  it('asks the phone for no full history when linking a device', async () => {
    const { session } = newPairingSession();
    const before = standIn.server.connections.length;

    await session.start();
    await standIn.server.waitUntil(() =>
      standIn.server.connections.slice(before).some((connection) => connection.registration),
    );
    await session.close();

    const registration = standIn.server.connections
      .slice(before)
      .find((c) => c.registration)?.registration;
    const pairing = registration?.devicePairingData;
    expect(pairing?.deviceProps).toBeDefined();
    const deviceProps = proto.DeviceProps.decode(pairing?.deviceProps ?? new Uint8Array());
    expect(deviceProps.requireFullSync).toBe(false);
  });

  it('links a business by QR without announcing it: one unavailable presence, with its name (finding 3)', async () => {
    const { session, events } = newPairingSession();
    await session.start();
    await standIn.server.waitUntil(() => events.some((event) => event.type === 'qr'));
    const qr = events.find((event) => event.type === 'qr');

    const linked = await standIn.server.scanQr(qr?.type === 'qr' ? qr.qr : '', {
      jid: `55119876${String(60_000 + counter)}@s.whatsapp.net`,
      businessName: 'Padaria Estrela',
    });
    await session.waitUntilOpen(AbortSignal.timeout(10_000), 10_000);
    const sent = () =>
      standIn.server.connections
        .filter((c) => c.companion === linked.companion || c.registration)
        .flatMap((c) => c.received);
    await standIn.server.waitUntil(() => sent().some((node) => node.tag === 'presence'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await session.close();

    const presences = standIn.server
      .receivedFrom(linked.companion)
      .concat(standIn.server.registrations().flatMap((c) => c.received))
      .filter((node) => node.tag === 'presence');
    expect(presences.map((node) => node.attrs)).toEqual([
      { name: 'Padaria Estrela', type: 'unavailable' },
    ]);
  });

  it("never sends Baileys' placeholder push name `~` a pairing by code left (finding 3)", async () => {
    counter += 1;
    const meId = `55119876${String(54_000 + counter)}:3@s.whatsapp.net`;
    const identity = { tenantId: 't', userId: `reader-${counter}` };
    await storeLinkedDevice(table, identity, { id: meId, name: '~' }, signedDeviceIdentity('d'));
    standIn.server.register(meId);
    const companion = meId.replace(/@.*/, '');
    const session = createServingSession({
      identity,
      authStore: testAuthStateStore(table, identity),
      statusStore: new SessionStatusStore({ client: table.client, tableName: table.tableName }),
      webSocketUrl: standIn.server.url,
      logger,
      backoff: { baseMs: 50, maxMs: 200 },
      connectTimeoutMs: 5_000,
    });
    await session.start();
    await session.waitUntilOpen(AbortSignal.timeout(10_000), 10_000);
    await standIn.server.waitUntil(() =>
      standIn.server.receivedFrom(companion).some((node) => node.attrs.xmlns === 'passive'),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await session.close();

    const presences = standIn.server
      .receivedFrom(companion)
      .filter((node) => node.tag === 'presence');
    expect(presences.map((node) => node.attrs)).toEqual([]);
  });
});
