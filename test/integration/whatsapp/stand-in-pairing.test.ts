import {
  type AuthenticationCreds,
  type AuthenticationState,
  BufferJSON,
  type ConnectionState,
  DisconnectReason,
  initAuthCreds,
  makeWASocket,
  type SignalDataSet,
  type SignalDataTypeMap,
  type WASocket,
} from 'baileys';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { baileysLogger } from '../../../functions/whatsapp/baileys-logger.ts';
import {
  createDirectoryReaderCaches,
  directoryReaderSocketConfig,
} from '../../../functions/whatsapp/directory-reader-socket.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { parsePairingQr, verifyCurveSignature } from '../../support/whatsapp/pairing-phone.ts';
import {
  startWhatsAppServerStandIn,
  trustTestRootKey,
  type WhatsAppServerStandIn,
} from '../../support/whatsapp/server-stand-in.ts';

const ACCOUNT = { jid: '5511987654321@s.whatsapp.net', lid: '211234567890123@lid' };
let whatsApp: WhatsAppServerStandIn;
let untrust: () => void;
const sockets: WASocket[] = [];
const extraServers: WhatsAppServerStandIn[] = [];

beforeAll(async () => {
  whatsApp = await startWhatsAppServerStandIn();
  untrust = trustTestRootKey(whatsApp.rootPublicKey);
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.end(undefined);
});
afterAll(async () => {
  untrust?.();
  await Promise.all(extraServers.map((server) => server.stop()));
  await whatsApp?.stop();
});

/** An auth state in memory: fresh credentials (a device never linked) and a key map. */
function inMemoryAuthState(creds: AuthenticationCreds = initAuthCreds()): AuthenticationState {
  const keys = new Map<string, unknown>();
  return {
    creds,
    keys: {
      async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
        const found: { [id: string]: SignalDataTypeMap[T] } = {};
        for (const id of ids) {
          const value = keys.get(`${type}/${id}`);
          if (value !== undefined) found[id] = value as SignalDataTypeMap[T];
        }
        return found;
      },
      async set(data: SignalDataSet) {
        for (const [type, entries] of Object.entries(data)) {
          for (const [id, value] of Object.entries(entries ?? {})) {
            if (value) keys.set(`${type}/${id}`, value);
            else keys.delete(`${type}/${id}`);
          }
        }
      },
    },
  };
}

/** The credentials as a store would keep them (JSON with buffers), read back. */
function savedAndReloaded(creds: AuthenticationCreds): AuthenticationCreds {
  return JSON.parse(JSON.stringify(creds, BufferJSON.replacer), BufferJSON.reviver);
}

/** A Baileys socket with the worker's configuration, its connection updates recorded. */
function companionSocket(
  auth: AuthenticationState,
  server: WhatsAppServerStandIn = whatsApp,
  qrTimeout?: number,
) {
  const socket = makeWASocket({
    ...directoryReaderSocketConfig({
      auth,
      caches: createDirectoryReaderCaches(),
      logger: baileysLogger(silentLogger()),
      webSocketUrl: server.url,
      connectTimeoutMs: 5_000,
    }),
    ...(qrTimeout !== undefined && { qrTimeout }),
  });
  sockets.push(socket);
  const updates: Partial<ConnectionState>[] = [];
  const credsUpdates: Partial<AuthenticationCreds>[] = [];
  socket.ev.on('connection.update', (update) => updates.push(update));
  socket.ev.on('creds.update', (update) => credsUpdates.push(update));
  const qrs = () => updates.flatMap((update) => (update.qr ? [update.qr] : []));
  const closedWith = () => {
    const closed = updates.find((update) => update.connection === 'close');
    const error = closed?.lastDisconnect?.error as { output?: { statusCode?: number } } | undefined;
    return closed ? (error?.output?.statusCode ?? -1) : undefined;
  };
  return {
    socket,
    updates,
    credsUpdates,
    qrs,
    closedWith,
    opened: () => updates.some((update) => update.connection === 'open'),
  };
}

describe('WhatsApp server stand-in pairing', () => {
  it("offers a fresh device pairing refs: its first QR code carries the stand-in's first ref", async () => {
    const companion = companionSocket(inMemoryAuthState());

    await whatsApp.waitUntil(() => companion.qrs().length > 0, 5_000);

    const registration = whatsApp.registrations().at(-1);
    expect(registration?.pairingRefs).toHaveLength(6);
    const qr = parsePairingQr(companion.qrs()[0] ?? '');
    expect(qr.ref).toBe(registration?.pairingRefs[0]);
    expect(
      qr.identityKey.equals(Buffer.from(companion.socket.authState.creds.signedIdentityKey.public)),
    ).toBe(true);
  });

  it('links the device when the phone scans its QR code, and its restarted login opens', async () => {
    const auth = inMemoryAuthState();
    const first = companionSocket(auth);
    await whatsApp.waitUntil(() => first.qrs().length > 0, 5_000);

    const linked = await whatsApp.scanQr(first.qrs()[0] ?? '', ACCOUNT);
    await whatsApp.waitUntil(() => first.closedWith() !== undefined, 5_000);

    expect(linked.jid).toBe('5511987654321:1@s.whatsapp.net');
    expect(linked.lid).toBe('211234567890123:1@lid');
    const paired = first.credsUpdates.find((update) => update.account);
    expect(paired?.me?.id).toBe(linked.jid);
    expect(paired?.me?.lid).toBe(linked.lid);
    expect(paired?.platform).toBe('android');
    expect(auth.creds.me?.id).toBe(linked.jid);
    expect(first.updates).toContainEqual({ isNewLogin: true, qr: undefined });
    expect(first.closedWith()).toBe(DisconnectReason.restartRequired);
    // What the account key signed, checked here: Baileys 7.0.0-rc14 does not check it.
    const account = auth.creds.account;
    const accountSigned = Buffer.concat([
      Buffer.from([6, 0]),
      account?.details ?? new Uint8Array(),
      auth.creds.signedIdentityKey.public,
    ]);
    const signature = account?.accountSignature ?? new Uint8Array();
    const accountKey = account?.accountSignatureKey ?? new Uint8Array();
    expect(verifyCurveSignature(accountKey, accountSigned, signature)).toBe(true);
    expect(verifyCurveSignature(accountKey, Buffer.from('other'), signature)).toBe(false);

    const restarted = companionSocket({ creds: savedAndReloaded(auth.creds), keys: auth.keys });
    await whatsApp.waitUntil(restarted.opened, 5_000);

    expect(whatsApp.paired()).toContainEqual(linked);
    expect(whatsApp.connections.some((c) => c.companion === linked.companion && c.loggedIn)).toBe(
      true,
    );
  });

  it('links a second device of the same account as device 2, with a business name', async () => {
    const companion = companionSocket(inMemoryAuthState());
    await whatsApp.waitUntil(() => companion.qrs().length > 0, 5_000);

    const linked = await whatsApp.scanQr(companion.qrs()[0] ?? '', {
      ...ACCOUNT,
      businessName: 'Loja Loopback',
      platform: 'smbi',
    });
    await whatsApp.waitUntil(() => companion.closedWith() !== undefined, 5_000);

    expect(linked.jid).toBe('5511987654321:2@s.whatsapp.net');
    const paired = companion.credsUpdates.find((update) => update.account);
    expect(paired?.me?.name).toBe('Loja Loopback');
    expect(paired?.platform).toBe('smbi');
    expect(companion.closedWith()).toBe(DisconnectReason.restartRequired);
  });

  it('refuses to scan a QR code whose ref no open connection was offered', async () => {
    const companion = companionSocket(inMemoryAuthState());
    await whatsApp.waitUntil(() => companion.qrs().length > 0, 5_000);
    const [, noiseKey, identityKey, advSecret] = (companion.qrs()[0] ?? '').split(',');
    const forged = `https://wa.me/settings/linked_devices#2@unknown,${noiseKey},${identityKey},${advSecret},1`;

    await expect(whatsApp.scanQr(forged, ACCOUNT)).rejects.toThrow(/ref/);
    expect(companion.closedWith()).toBeUndefined();
  });

  it('rotates through its refs and Baileys closes with timedOut when they run out', async () => {
    const server = await startWhatsAppServerStandIn({ pairingRefs: 2 });
    extraServers.push(server);
    const restore = trustTestRootKey(server.rootPublicKey);
    try {
      const companion = companionSocket(inMemoryAuthState(), server, 200);

      await server.waitUntil(() => companion.closedWith() !== undefined, 5_000);

      const refs = companion.qrs().map((qr) => parsePairingQr(qr).ref);
      expect(refs).toEqual(server.registrations()[0]?.pairingRefs);
      expect(companion.closedWith()).toBe(DisconnectReason.timedOut);
    } finally {
      restore();
    }
  });

  it("fails a fresh device's login with 401 when pairing is set to refuse", async () => {
    const server = await startWhatsAppServerStandIn({ pairing: 'refuse' });
    extraServers.push(server);
    const restore = trustTestRootKey(server.rootPublicKey);
    try {
      const companion = companionSocket(inMemoryAuthState(), server);

      await server.waitUntil(() => companion.closedWith() !== undefined, 5_000);

      expect(companion.closedWith()).toBe(401);
      expect(companion.qrs()).toEqual([]);
      expect(server.registrations()).toHaveLength(1);
    } finally {
      restore();
    }
  });

  it('records a pairing-code request and the companion gets an 8-character code', async () => {
    const companion = companionSocket(inMemoryAuthState());
    await whatsApp.waitUntil(() => companion.qrs().length > 0, 5_000);
    const before = whatsApp.pairingCodeRequests().length;

    const code = await companion.socket.requestPairingCode('5511987654321');
    await whatsApp.waitUntil(() => whatsApp.pairingCodeRequests().length > before, 5_000);

    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    expect(whatsApp.pairingCodeRequests().at(-1)).toEqual({
      jid: '5511987654321@s.whatsapp.net',
      stage: 'companion_hello',
      platformDisplay: 'Chrome (Mac OS)',
    });
    expect(companion.closedWith()).toBeUndefined();
  });
});
