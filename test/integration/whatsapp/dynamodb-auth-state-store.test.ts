import { randomBytes } from 'node:crypto';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { BufferJSON, initAuthCreds, proto } from 'baileys';
import { describe, expect, it } from 'vitest';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import { EnvelopeCredentialCipher } from '../../../functions/adapters/envelope-credential-cipher.ts';
import { sessionPartitionKey } from '../../../functions/resources/sessions-table-keys.ts';
import {
  DynamoDbAuthStateStore,
  SessionFencedError,
} from '../../../functions/whatsapp/dynamodb-auth-state-store.ts';
import { useSessionsTable } from '../../support/aws/sessions-table.ts';
import { testCredentialCipher } from '../../support/whatsapp/test-credential-cipher.ts';

const table = useSessionsTable();
let sessionCounter = 0;

/** Each test gets its own session partition. */
function newIdentity() {
  sessionCounter += 1;
  return { tenantId: 'tenant-a', userId: `user-${sessionCounter}` };
}

function storeFor(identity: { tenantId: string; userId: string }, fencingToken?: number) {
  return new DynamoDbAuthStateStore({
    cipher: testCredentialCipher,
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

  describe('sealing', () => {
    async function rawItem(identity: { tenantId: string; userId: string }, sortKey: string) {
      const { Item } = await table.client.send(
        new GetItemCommand({
          TableName: table.tableName,
          Key: { pk: { S: sessionPartitionKey(identity) }, sk: { S: sortKey } },
          ConsistentRead: true,
        }),
      );
      return Item;
    }

    it('stores no private key, phone JID or Signal key in the clear', async () => {
      const identity = newIdentity();
      const { state, saveCreds } = await storeFor(identity).load();
      state.creds.me = { id: '5511987654321:7@s.whatsapp.net', name: 'Ana' };
      await saveCreds();
      await storeFor(identity).setKeys({ session: { '5511987654321.0': Buffer.from('ratchet') } });

      const creds = await rawItem(identity, 'creds');
      const key = await rawItem(identity, 'key#session#5511987654321.0');

      expect(Object.keys(creds ?? {}).sort()).toEqual(['pk', 'sealed', 'sk', 'updatedAt']);
      expect(Object.keys(key ?? {}).sort()).toEqual(['pk', 'sealed', 'sk']);
      const stored = Buffer.concat([creds?.sealed?.B ?? [], key?.sealed?.B ?? []].map(Buffer.from));
      for (const secret of [
        Buffer.from(state.creds.noiseKey.private),
        Buffer.from(state.creds.noiseKey.private).toString('base64'),
        '5511987654321',
        'ratchet',
      ]) {
        expect(stored.includes(secret)).toBe(false);
      }
    });

    it('does not open credentials with another key, nor as another session', async () => {
      const identity = newIdentity();
      await storeFor(identity).writeCreds(initAuthCreds());
      const sealed = await rawItem(identity, 'creds');
      const other = newIdentity();
      await table.client.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: { ...sealed, pk: { S: sessionPartitionKey(other) } },
        }),
      );

      const elsewhere = new DynamoDbAuthStateStore({
        cipher: EnvelopeCredentialCipher.withLocalKey(randomBytes(32)),
        client: table.client,
        tableName: table.tableName,
        identity,
      });

      await expect(elsewhere.readCreds()).rejects.toThrow();
      await expect(storeFor(other).readCreds()).rejects.toThrow(/another session/);
    });

    it('seals a partition stored in the clear by an earlier release the first time it loads', async () => {
      const identity = newIdentity();
      const creds = initAuthCreds();
      const pk = { S: sessionPartitionKey(identity) };
      const inTheClear = (value: unknown) => ({
        value: { S: JSON.stringify(value, BufferJSON.replacer) },
      });
      await table.client.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: { pk, sk: { S: 'creds' }, ...inTheClear(creds) },
        }),
      );
      await table.client.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: { pk, sk: { S: 'key#session#a' }, ...inTheClear(Buffer.from('old')) },
        }),
      );

      const { state } = await storeFor(identity).load();

      expect(Buffer.from(state.creds.noiseKey.private)).toEqual(
        Buffer.from(creds.noiseKey.private),
      );
      expect(Object.keys((await rawItem(identity, 'creds')) ?? {})).toContain('sealed');
      expect(Object.keys((await rawItem(identity, 'key#session#a')) ?? {})).toEqual(
        expect.not.arrayContaining(['value', 'valueGz']),
      );
      const keys = await storeFor(identity).getKeys('session', ['a']);
      expect(Buffer.from(keys.a as Uint8Array).toString()).toBe('old');
    });
  });
});
