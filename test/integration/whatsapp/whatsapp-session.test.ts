import { EventEmitter } from 'node:events';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { WASocket } from 'baileys';
import { describe, expect, it } from 'vitest';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import type { SessionStatusChange } from '../../../functions/ports/session-events.ts';
import { createServingSession } from '../../../functions/whatsapp/serving-session.ts';
import type { SessionEvent } from '../../../functions/whatsapp/whatsapp-session.ts';
import { useSessionsTable } from '../../support/aws/sessions-table.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';
import { testAuthStateStore } from '../../support/whatsapp/test-auth-state-store.ts';

const logger = silentLogger();
const table = useSessionsTable();
let counter = 0;

/** Stands in for Baileys' socket at its boundary: the events it emits, end(), user. */
function fakeSockets() {
  const sockets: { ev: EventEmitter; ended: boolean }[] = [];
  const makeSocket = () => {
    const ev = new EventEmitter();
    const socket = { ev, ended: false, user: { id: '5511987654321:3@s.whatsapp.net' } };
    sockets.push(socket);
    return Object.assign(socket, {
      end: () => {
        socket.ended = true;
      },
    }) as unknown as WASocket;
  };
  const close = (index: number, statusCode: number) =>
    sockets[index]?.ev.emit('connection.update', {
      connection: 'close',
      lastDisconnect: {
        error: Object.assign(new Error('closed'), { output: { statusCode } }),
        date: new Date(),
      },
    });
  const open = (index: number) =>
    sockets[index]?.ev.emit('connection.update', { connection: 'open' });
  return { sockets, makeSocket, close, open };
}

async function pairedSession(
  fake: ReturnType<typeof fakeSockets>,
  events: SessionEvent[],
  statusClient: DynamoDBClient = table.client,
  statusChanges?: SessionStatusChange[],
) {
  counter += 1;
  const identity = { tenantId: 't', userId: `lifecycle-${counter}` };
  const authStore = testAuthStateStore(table, identity);
  const statusStore = new SessionStatusStore({ client: statusClient, tableName: table.tableName });
  const { state, saveCreds } = await authStore.load();
  state.creds.account = { details: Buffer.from('d'), accountSignatureKey: Buffer.alloc(32) };
  await saveCreds();
  const session = createServingSession({
    identity,
    authStore,
    statusStore,
    webSocketUrl: 'ws://127.0.0.1:9/ws/chat',
    logger,
    backoff: { baseMs: 40, maxMs: 100 },
    connectTimeoutMs: 1_000,
    makeSocket: fake.makeSocket,
    onEvent: (event) => events.push(event),
    random: () => 0.5,
    ...(statusChanges && {
      events: { publish: async (change: SessionStatusChange) => void statusChanges.push(change) },
    }),
  });
  await session.start();
  return { session, identity, authStore, statusStore };
}

describe('WhatsAppSession', () => {
  it('marks the session logged out, deletes its credentials and stops reconnecting', async () => {
    const fake = fakeSockets();
    const events: SessionEvent[] = [];
    const { session, identity, authStore, statusStore } = await pairedSession(fake, events);
    fake.open(0);

    fake.close(0, 401);
    await waitFor(async () => (await statusStore.get(identity)).state === 'logged_out');
    await new Promise((resolve) => setTimeout(resolve, 150));

    expect(session.state).toBe('logged_out');
    expect(await authStore.readCreds()).toBeUndefined();
    expect(fake.sockets).toHaveLength(1);
    await expect(session.waitUntilOpen(AbortSignal.timeout(1_000), 1_000)).rejects.toThrow(
      're-pair this session',
    );
    await session.close();
  });

  it('reconnects with growing, capped delays after connection losses', async () => {
    const fake = fakeSockets();
    const events: SessionEvent[] = [];
    const { session } = await pairedSession(fake, events);

    for (let index = 0; index < 4; index++) {
      fake.close(index, 428);
      await waitFor(() => fake.sockets.length === index + 2);
    }
    await session.close();

    const delays = events.flatMap((event) =>
      event.type === 'reconnecting' ? [event.delayMs] : [],
    );
    expect(delays).toEqual([30, 60, 75, 75]);
  });

  it('reports a drop of the open connection as connecting once, and its return as paired', async () => {
    // prepare: the session opens (status paired)
    const fake = fakeSockets();
    const changes: SessionStatusChange[] = [];
    const { session } = await pairedSession(fake, [], table.client, changes);
    fake.open(0);
    await waitFor(() => session.state === 'open');

    // act: the connection drops, the reconnect fails once more, then it opens again
    fake.close(0, 428);
    await waitFor(() => fake.sockets.length === 2);
    fake.close(1, 408);
    await waitFor(() => fake.sockets.length === 3);
    fake.open(2);
    await waitFor(() => changes.length === 2);
    await session.close();

    // assert
    expect(changes.map((c) => [c.previous_status, c.status, c.reason])).toEqual([
      ['paired', 'connecting', 'connection_lost'],
      ['connecting', 'paired', 'reconnected'],
    ]);
    expect(changes[1]?.jid).toBe('5511987654321@s.whatsapp.net');
  });

  it('reconnects at once when WhatsApp asks for a restart after linking', async () => {
    const fake = fakeSockets();
    const events: SessionEvent[] = [];
    const { session } = await pairedSession(fake, events);

    fake.close(0, 515);
    await waitFor(() => fake.sockets.length === 2);
    await session.close();

    expect(events.find((event) => event.type === 'reconnecting')).toMatchObject({ delayMs: 0 });
  });

  it('resets the backoff once a connection opens, and a lookup waiting for it gets the socket', async () => {
    const fake = fakeSockets();
    const { session } = await pairedSession(fake, []);

    const waiting = session.waitUntilOpen(AbortSignal.timeout(2_000), 2_000);
    fake.open(0);

    await expect(waiting).resolves.toBeDefined();
    expect(session.state).toBe('open');
    await session.close();
    expect(fake.sockets[0]?.ended).toBe(true);
  });

  it('resolves close() only once the status write it started on open has landed', async () => {
    // A real SDK client whose requests reach dynalite 150 ms late, as on a busy machine.
    const slowClient = table.newClient();
    slowClient.middlewareStack.add(
      (next) => async (args) => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return next(args);
      },
      { step: 'finalizeRequest', name: 'slowDown' },
    );
    const fake = fakeSockets();
    const { session, identity } = await pairedSession(fake, [], slowClient);
    fake.open(0);

    await session.close();
    const reader = new SessionStatusStore({ client: table.client, tableName: table.tableName });
    const status = await reader.get(identity);

    expect(status).toMatchObject({ state: 'paired', reason: 'connected (serve)' });
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
