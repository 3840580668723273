import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionUnavailableError } from '../../../functions/domain/errors/app-errors.ts';
import { parseEnvironment } from '../../../functions/platform/parse-environment.ts';
import { baileysEnvironmentShape } from '../../../functions/whatsapp/baileys-directory-config.ts';
import type { SessionEvent } from '../../../functions/whatsapp/whatsapp-session.ts';
import { useSessionsTable } from '../../support/sessions-table.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { wireBaileysBackend } from '../../support/whatsapp/baileys-backend.ts';
import { pairingSession, storeLinkedDevice } from '../../support/whatsapp/linked-device.ts';
import { startLoopbackWhatsAppServer } from '../../support/whatsapp/loopback-whatsapp-server.ts';

const logger = silentLogger();
const table = useSessionsTable();
let whatsApp: Awaited<ReturnType<typeof startLoopbackWhatsAppServer>>;

/** The directory over the test's sessions table, holding the one shard's lease. */
function baileysDirectory(config: Parameters<typeof wireBaileysBackend>[0]) {
  return wireBaileysBackend(config, {
    dynamoDb: table.client,
    sessionsTableName: table.tableName,
    shardCount: 1,
    logger,
    leases: { holds: () => true, fencingToken: () => 1 },
  }).directory;
}

describe('Baileys adapter against a loopback WhatsApp endpoint', () => {
  beforeAll(async () => {
    whatsApp = await startLoopbackWhatsAppServer();
  });
  afterAll(async () => {
    await whatsApp?.stop();
  });

  it('opens a WhatsApp Web Noise handshake when pairing a session', async () => {
    const identity = { tenantId: 't', userId: 'pairing' };
    const events: SessionEvent[] = [];
    const session = pairingSession(table, identity, { webSocketUrl: whatsApp.url, logger, events });
    const before = whatsApp.hellos.length;

    await session.start();
    const [hello] = (await whatsApp.waitForHellos(before + 1)).slice(before);
    await waitFor(() => events.some((event) => event.type === 'closed'));
    await session.close();

    expect(hello?.path).toBe('/ws/chat');
    expect([...(hello?.intro ?? [])]).toEqual([0x57, 0x41, 6, 3]);
    expect(hello?.ephemeralKeyLength).toBe(32);
    expect(events[0]).toEqual({ type: 'connecting', url: whatsApp.url });
  });

  it('keeps reconnecting a paired session with backoff and answers 503 meanwhile', async () => {
    const identity = { tenantId: 't', userId: 'paired' };
    await storeLinkedDevice(
      table,
      identity,
      { id: '5511987654321:3@s.whatsapp.net', name: 'Ana' },
      { details: Buffer.from('details'), accountSignatureKey: Buffer.alloc(32) },
    );
    const config = parseEnvironment(baileysEnvironmentShape, {
      WA_WEBSOCKET_URL: whatsApp.url,
      WA_CONNECT_WAIT_MS: '300',
      WA_RECONNECT_BASE_MS: '50',
      WA_RECONNECT_MAX_MS: '200',
    });
    const directory = baileysDirectory(config);
    const before = whatsApp.hellos.length;

    const lookup = directory.lookup(
      identity,
      { kind: 'jid', jid: '5511999999999@s.whatsapp.net' },
      AbortSignal.timeout(5_000),
    );

    await expect(lookup).rejects.toBeInstanceOf(SessionUnavailableError);
    const hellos = (await whatsApp.waitForHellos(before + 3)).slice(before);
    await directory.close();
    expect(hellos.every((hello) => hello.ephemeralKeyLength === 32)).toBe(true);
  });

  it('answers 503 without connecting when the session was never paired', async () => {
    // Its own path: a hello still in flight from the reconnecting session above is not counted.
    const url = `${whatsApp.url}?never-paired`;
    const config = parseEnvironment(baileysEnvironmentShape, { WA_WEBSOCKET_URL: url });
    const directory = baileysDirectory(config);

    const lookup = directory.lookup(
      { tenantId: 't', userId: 'never-paired' },
      { kind: 'jid', jid: '5511999999999@s.whatsapp.net' },
      AbortSignal.timeout(5_000),
    );

    await expect(lookup).rejects.toThrow('not paired');
    await directory.close();
    expect(whatsApp.hellos.filter((hello) => hello.path.endsWith('?never-paired'))).toEqual([]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
