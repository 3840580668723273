import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { initAuthCreds, proto } from 'baileys';
import { describe, expect, it } from 'vitest';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import { sessionPartitionKey } from '../../../functions/resources/sessions-table-keys.ts';
import {
  DynamoDbAuthStateStore,
  SessionFencedError,
} from '../../../functions/whatsapp/dynamodb-auth-state-store.ts';
import { useSessionsTable } from '../../support/aws/sessions-table.ts';

const table = useSessionsTable();
let sessionCounter = 0;

/** Each test gets its own session partition. */
function newIdentity() {
  sessionCounter += 1;
  return { tenantId: 'tenant-a', userId: `user-${sessionCounter}` };
}

function storeFor(identity: { tenantId: string; userId: string }, fencingToken?: number) {
  return new DynamoDbAuthStateStore({
    client: table.newClient(),
    tableName: table.tableName,
    identity,
    ...(fencingToken !== undefined && { fencingToken: () => fencingToken }),
  });
}

describe('DynamoDbAuthStateStore', () => {
  it('starts an unpaired session with fresh credentials', async () => {
    const store = storeFor(newIdentity());

    const { state, paired } = await store.load();

    expect(paired).toBe(false);
    expect(state.creds.noiseKey.private).toHaveLength(32);
  });

  it('round-trips credentials with their binary keys', async () => {
    const identity = newIdentity();
    const { state, saveCreds } = await storeFor(identity).load();
    state.creds.me = { id: '5511987654321:7@s.whatsapp.net', name: 'Ana' };
    state.creds.account = {
      details: Buffer.from('details'),
      accountSignatureKey: Buffer.alloc(32, 3),
    };

    await saveCreds();
    const reloaded = await storeFor(identity).load();

    expect(reloaded.paired).toBe(true);
    expect(Buffer.from(reloaded.state.creds.noiseKey.private)).toEqual(
      Buffer.from(state.creds.noiseKey.private),
    );
    expect(reloaded.state.creds.me?.id).toBe('5511987654321:7@s.whatsapp.net');
    expect(reloaded.state.creds.registrationId).toBe(state.creds.registrationId);
  });

  it('round-trips every signal key type Baileys 7 asks for', async () => {
    const identity = newIdentity();
    const store = storeFor(identity);
    const appStateKey = proto.Message.AppStateSyncKeyData.fromObject({
      keyData: Buffer.alloc(32, 1),
      timestamp: 1731000000,
    });

    await store.setKeys({
      'pre-key': { '1': { public: Buffer.alloc(32, 1), private: Buffer.alloc(32, 2) } },
      session: { '5511987654321.0': Buffer.from('session-record') },
      'sender-key': { 'group@g.us::5511:0': Buffer.from('sender') },
      'sender-key-memory': { 'group@g.us': { '5511987654321@s.whatsapp.net': true } },
      'app-state-sync-key': { AAAA: appStateKey },
      'app-state-sync-version': {
        regular: { version: 3, hash: Buffer.alloc(128, 4), indexValueMap: {} },
      },
      'lid-mapping': {
        '5511987654321': '203655172014117',
        '203655172014117_reverse': '5511987654321',
      },
      'device-list': { '5511987654321': ['0', '12'] },
      tctoken: {
        '203655172014117@lid': { token: Buffer.from([1, 2, 3]), timestamp: '1731000000' },
      },
      'identity-key': { '5511987654321.0': Buffer.alloc(33, 5) },
    });
    const restarted = storeFor(identity);

    expect(await restarted.getKeys('pre-key', ['1', '2'])).toEqual({
      '1': { public: Buffer.alloc(32, 1), private: Buffer.alloc(32, 2) },
    });
    expect(await restarted.getKeys('lid-mapping', ['5511987654321'])).toEqual({
      '5511987654321': '203655172014117',
    });
    expect(await restarted.getKeys('device-list', ['5511987654321'])).toEqual({
      '5511987654321': ['0', '12'],
    });
    expect(await restarted.getKeys('tctoken', ['203655172014117@lid'])).toEqual({
      '203655172014117@lid': { token: Buffer.from([1, 2, 3]), timestamp: '1731000000' },
    });
    const appState = await restarted.getKeys('app-state-sync-key', ['AAAA']);
    expect(appState.AAAA).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(appState.AAAA?.keyData ?? [])).toEqual(Buffer.alloc(32, 1));
    expect((await restarted.getKeys('sender-key-memory', ['group@g.us']))['group@g.us']).toEqual({
      '5511987654321@s.whatsapp.net': true,
    });
  });

  it('deletes keys set to null', async () => {
    const store = storeFor(newIdentity());
    await store.setKeys({ session: { a: Buffer.from('1'), b: Buffer.from('2') } });

    await store.setKeys({ session: { a: null } });

    expect(Object.keys(await store.getKeys('session', ['a', 'b']))).toEqual(['b']);
  });

  it('writes more keys than one batch holds and reads them back', async () => {
    const store = storeFor(newIdentity());
    const preKeys = Object.fromEntries(
      Array.from({ length: 130 }, (_, index) => [
        String(index + 1),
        { public: Buffer.alloc(32, index % 256), private: Buffer.alloc(32, 1) },
      ]),
    );

    await store.setKeys({ 'pre-key': preKeys });
    const read = await store.getKeys('pre-key', Object.keys(preKeys));

    expect(Object.keys(read)).toHaveLength(130);
    expect(read['130']?.public).toEqual(Buffer.alloc(32, 129));
  });

  it('ends concurrent updates of the same key with the last value issued', async () => {
    const identity = newIdentity();
    const store = storeFor(identity);

    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        store.setKeys({
          'device-list': { shared: [String(index)], [`own-${index}`]: [String(index)] },
        }),
      ),
    );
    const read = await storeFor(identity).getKeys('device-list', [
      'shared',
      ...Array.from({ length: 20 }, (_, index) => `own-${index}`),
    ]);

    expect(read.shared).toEqual(['19']);
    expect(Object.keys(read)).toHaveLength(21);
  });

  it('reads its own writes while they are still being flushed', async () => {
    const store = storeFor(newIdentity());

    const writing = store.setKeys({ 'lid-mapping': { '5511': '2036' } });
    const read = await store.getKeys('lid-mapping', ['5511']);
    await writing;

    expect(read).toEqual({ '5511': '2036' });
  });

  it('stores large values compressed and reads them back', async () => {
    const store = storeFor(newIdentity());
    const indexValueMap = Object.fromEntries(
      Array.from({ length: 3000 }, (_, index) => [
        `mac-${index}`,
        { valueMac: Buffer.alloc(32, index % 256) },
      ]),
    );

    await store.setKeys({
      'app-state-sync-version': {
        regular_high: { version: 9, hash: Buffer.alloc(128), indexValueMap },
      },
    });
    const read = await store.getKeys('app-state-sync-version', ['regular_high']);

    expect(Object.keys(read.regular_high?.indexValueMap ?? {})).toHaveLength(3000);
  });

  it('refuses a credential write from an owner fenced off by a newer one', async () => {
    const identity = newIdentity();
    const creds = initAuthCreds();
    await storeFor(identity, 2).writeCreds(creds);

    const staleWrite = storeFor(identity, 1).writeCreds(creds);

    await expect(staleWrite).rejects.toBeInstanceOf(SessionFencedError);
  });

  it('clears credentials and keys on logout but keeps other items', async () => {
    const identity = newIdentity();
    const store = storeFor(identity);
    const statuses = new SessionStatusStore({ client: table.client, tableName: table.tableName });
    await store.writeCreds(initAuthCreds());
    await store.setKeys({ session: { a: Buffer.from('1') } });
    await statuses.put(identity, { state: 'logged_out', reason: 'logged out from the phone' });

    await store.clear();

    expect(await store.readCreds()).toBeUndefined();
    expect(await store.getKeys('session', ['a'])).toEqual({});
    const credsItem = await table.client.send(
      new GetItemCommand({
        TableName: table.tableName,
        Key: { pk: { S: sessionPartitionKey(identity) }, sk: { S: 'creds' } },
      }),
    );
    expect(credsItem.Item).toBeUndefined();
    expect((await statuses.get(identity)).state).toBe('logged_out');
  });
});
