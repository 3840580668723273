import { EventEmitter } from 'node:events';
import { DEFAULT_CONNECTION_CONFIG, type SignalKeyStore, type WASocket } from 'baileys';
import { describe, expect, it } from 'vitest';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import {
  RateLimitedError,
  SessionUnavailableError,
} from '../../../functions/domain/errors/app-errors.ts';
import { parseEnvironment } from '../../../functions/platform/parse-environment.ts';
import { baileysEnvironmentShape } from '../../../functions/whatsapp/baileys-directory-config.ts';
import type { BinaryNode } from '../../../functions/whatsapp/binary-node.ts';
import { startSessionsTable, useSessionsTable } from '../../support/aws/sessions-table.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';
import { wireBaileysBackend } from '../../support/whatsapp/baileys-backend.ts';
import { wireFixture } from '../../support/whatsapp/stanza-fixtures.ts';
import { testAuthStateStore } from '../../support/whatsapp/test-auth-state-store.ts';

const logger = silentLogger();
const silentBaileysLogger = {
  level: 'silent',
  child: () => silentBaileysLogger,
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
} as never;
const table = useSessionsTable();
let counter = 0;

/** Baileys' key store in memory (the part of authState the lookup path touches). */
function memoryKeyStore(): SignalKeyStore {
  const data: Record<string, Record<string, unknown>> = {};
  const store: SignalKeyStore = {
    get: async (type, ids) =>
      Object.fromEntries(
        ids.filter((id) => data[type]?.[id] !== undefined).map((id) => [id, data[type]?.[id]]),
      ) as never,
    set: async (values) => {
      for (const [type, entries] of Object.entries(values)) {
        data[type] = { ...data[type], ...(entries as Record<string, unknown>) };
      }
    },
  };
  return Object.assign(store, { transaction: async <T>(work: () => Promise<T>) => work() });
}

/**
 * Baileys' socket at its boundary: opens at once and answers each query with a stanza fixture,
 * the way WhatsApp would, after a short delay. Everything above it is our real code, and its
 * LID mapping is Baileys' own, wired as makeWASocket wires it: a PN whose LID it does not know
 * makes it send a usync of its own through the same query(), so the count of stanzas sent
 * shows any lookup we did not make ourselves.
 */
function fixtureSocketFactory(replies: { contact?: string; usync?: string } = {}) {
  const sent: BinaryNode[] = [];
  const sockets: { ended: boolean }[] = [];
  const makeSocket = () => {
    const ev = new EventEmitter();
    const keys = memoryKeyStore();
    const state = { ended: false };
    sockets.push(state);
    setTimeout(() => ev.emit('connection.update', { connection: 'open' }), 5);
    let tag = 0;
    const socket = {
      ev,
      ws: new EventEmitter(),
      generateMessageTag: () => `tag-${++tag}`,
      user: { id: '5511900000000:4@s.whatsapp.net' },
      end: () => {
        state.ended = true;
      },
      authState: { keys },
      signalRepository: DEFAULT_CONNECTION_CONFIG.makeSignalRepository(
        { creds: {} as never, keys },
        silentBaileysLogger,
        async (jids) => {
          // What Baileys' socket does for an unknown PN→LID mapping: a usync LID query.
          await socket.query({
            tag: 'iq',
            attrs: { to: 's.whatsapp.net', type: 'get', xmlns: 'usync' },
            content: [
              { tag: 'usync', attrs: { mode: 'query', context: 'background' }, content: [] },
            ],
          });
          return jids.map((pn) => ({ pn, lid: '203655172014117@lid' }));
        },
      ),
      async query(node: BinaryNode) {
        sent.push(node);
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (node.attrs.xmlns === 'w:biz')
          return wireFixture('business-profile-reply-not-business.json');
        const usync = Array.isArray(node.content) ? node.content[0] : undefined;
        if (usync?.attrs.mode === 'query') {
          return wireFixture(replies.contact ?? 'contact-lookup-reply-in.json');
        }
        return wireFixture(replies.usync ?? 'user-info-reply-personal.json');
      },
    } as unknown as WASocket;
    return socket;
  };
  return { makeSocket, sent, sockets };
}

async function pairedIdentity() {
  counter += 1;
  const identity = { tenantId: 't', userId: `directory-${counter}` };
  const store = testAuthStateStore(table, identity);
  const { state, saveCreds } = await store.load();
  state.creds.account = { details: Buffer.from('d'), accountSignatureKey: Buffer.alloc(32) };
  await saveCreds();
  return identity;
}

function directoryWith(
  fake: ReturnType<typeof fixtureSocketFactory>,
  environment: Record<string, string>,
  ownsShard: (shard: number) => boolean = () => true,
) {
  return wireBaileysBackend(parseEnvironment(baileysEnvironmentShape, environment), {
    dynamoDb: table.client,
    sessionsTableName: table.tableName,
    shardCount: 1,
    logger,
    leases: { holds: ownsShard, fencingToken: () => 1 },
    makeSocket: fake.makeSocket,
  }).directory;
}

const contact = { kind: 'jid', jid: '5511987654321@s.whatsapp.net' } as const;

describe('BaileysDirectory', () => {
  it('answers concurrent misses for one contact with one fetch from WhatsApp', async () => {
    const fake = fixtureSocketFactory();
    const directory = directoryWith(fake, {});
    const identity = await pairedIdentity();

    const profiles = await Promise.all(
      Array.from({ length: 5 }, () =>
        directory.lookup(identity, contact, AbortSignal.timeout(5_000)),
      ),
    );
    await directory.close();

    expect(profiles.map((profile) => profile.user_info.Status)).toEqual(
      Array(5).fill('Hey there! I am using WhatsApp.'),
    );
    expect(fake.sent.filter((node) => node.attrs.xmlns === 'usync')).toHaveLength(1);
    expect(fake.sockets).toHaveLength(1);
  });

  it('sends only its own three stanzas for an uncached number: no hidden LID usync', async () => {
    const fake = fixtureSocketFactory({ contact: 'contact-lookup-reply-mexico.json' });
    const directory = directoryWith(fake, {});
    const identity = await pairedIdentity();

    const profile = await directory.lookup(
      identity,
      { kind: 'number', digits: '5215512345678' },
      AbortSignal.timeout(5_000),
    );
    await directory.close();

    expect(profile.jid).toBe('5215512345678@s.whatsapp.net');
    expect(
      fake.sent.map((node) => {
        const usync = Array.isArray(node.content) ? node.content[0] : undefined;
        return `${node.attrs.xmlns}:${usync?.attrs.mode ?? usync?.tag}`;
      }),
    ).toEqual(['usync:query', 'usync:full', 'w:biz:business_profile']);
  });

  it('answers 429 with Retry-After once the session spent its live-lookup budget', async () => {
    const fake = fixtureSocketFactory();
    const directory = directoryWith(fake, {
      WA_LIVE_LOOKUP_BURST: '2',
      WA_LIVE_LOOKUP_PER_MINUTE: '2',
    });
    const identity = await pairedIdentity();
    const lookup = (digits: string) =>
      directory.lookup(
        identity,
        { kind: 'jid', jid: `${digits}@s.whatsapp.net` },
        AbortSignal.timeout(5_000),
      );

    await lookup('5511987654321');
    await lookup('5511987654322');
    const third = await lookup('5511987654323').catch((error: unknown) => error);
    await directory.close();

    expect(third).toBeInstanceOf(RateLimitedError);
    expect((third as RateLimitedError).retryAfterSeconds).toBe(30);
  });

  it('answers 503 for a session whose shard this worker does not hold', async () => {
    const fake = fixtureSocketFactory();
    const directory = directoryWith(fake, {}, () => false);
    const identity = await pairedIdentity();

    const lookup = directory.lookup(identity, contact, AbortSignal.timeout(5_000));

    await expect(lookup).rejects.toBeInstanceOf(SessionUnavailableError);
    await directory.close();
    expect(fake.sockets).toHaveLength(0);
  });

  it('connects the paired sessions of a shard as soon as the shard is acquired', async () => {
    const own = await startSessionsTable();
    const fake = fixtureSocketFactory();
    const directory = wireBaileysBackend(parseEnvironment(baileysEnvironmentShape, {}), {
      dynamoDb: own.client,
      sessionsTableName: own.tableName,
      shardCount: 1,
      logger,
      leases: { holds: () => true, fencingToken: () => 1 },
      makeSocket: fake.makeSocket,
    }).directory;
    const statuses = new SessionStatusStore({ client: own.client, tableName: own.tableName });
    for (const userId of ['warm-1', 'warm-2', 'gone']) {
      const identity = { tenantId: 't', userId };
      const store = testAuthStateStore(own, identity);
      const { state, saveCreds } = await store.load();
      state.creds.account = { details: Buffer.from('d'), accountSignatureKey: Buffer.alloc(32) };
      await saveCreds();
      await statuses.put(identity, { state: userId === 'gone' ? 'logged_out' : 'paired' });
    }

    const opened = await directory.openShard(0);
    await waitFor(() => fake.sockets.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await directory.close();
    await own.stop();

    expect(opened).toBe(2);
    expect(fake.sockets).toHaveLength(2);
  });

  it('closes the sockets of a shard whose lease was lost', async () => {
    const fake = fixtureSocketFactory();
    const directory = directoryWith(fake, {});
    const identity = await pairedIdentity();
    await directory.lookup(identity, contact, AbortSignal.timeout(5_000));

    await directory.closeShard(0);
    const ended = fake.sockets[0]?.ended;
    await directory.close();

    expect(ended).toBe(true);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
