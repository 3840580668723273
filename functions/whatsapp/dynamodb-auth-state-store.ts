import {
  type AttributeValue,
  BatchGetItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  paginateQuery,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import {
  type AuthenticationCreds,
  type AuthenticationState,
  initAuthCreds,
  proto,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from 'baileys';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import {
  batchWriteAll,
  MAX_UNPROCESSED_RETRIES,
  unprocessedRetryPauseMs,
} from '../platform/batch-write-all.ts';
import { conditionHeld } from '../platform/conditional-write.ts';
import type { CredentialCipher } from '../ports/credential-cipher.ts';
import {
  CREDS_SORT_KEY,
  SESSIONS_PK as PK,
  SIGNAL_KEY_SORT_KEY_PREFIX,
  SESSIONS_SK as SK,
  sessionPartitionKey,
  signalKeySortKey,
} from '../resources/sessions-table-keys.ts';
import {
  isStoredInTheClear,
  openAuthStateValue,
  sealAuthStateValue,
} from './sealed-auth-state-value.ts';

/** DynamoDB's limit per BatchGetItem call. */
const BATCH_GET_SIZE = 100;

/** A write refused because a newer owner (higher fencing token) took the session over. */
export class SessionFencedError extends Error {
  override readonly name = 'SessionFencedError';
}

export interface DynamoDbAuthStateStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  identity: SessionIdentity;
  /** Seals every value before it is stored: the table never holds a private key in the clear. */
  cipher: CredentialCipher;
  /**
   * The fencing token of the shard lease this process holds. Credential writes carry it and are
   * refused once a higher token wrote: a worker that lost its lease cannot clobber the state its
   * successor is using. Absent for the pairing CLI, which runs while no worker serves the session.
   */
  fencingToken?: () => number | undefined;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Baileys' auth state (credentials and every signal key type it asks for: pre-keys, sessions,
 * sender keys, app-state keys and versions, LID mappings, device lists, privacy tokens,
 * identity keys) in DynamoDB, one item per key, all under the session's partition.
 *
 * Writes are batched (25 per call, unprocessed items retried with backoff) and applied in the
 * order Baileys issued them, so concurrent updates of the same key end with the latest value;
 * reads wait for pending writes, so Baileys always reads its own writes.
 *
 * Every value is sealed for this session (`sealed-auth-state-value.ts`); a partition an earlier
 * release stored in the clear is sealed the first time its credentials are read.
 */
export class DynamoDbAuthStateStore {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #pk: string;
  readonly #identity: SessionIdentity;
  readonly #cipher: CredentialCipher;
  readonly #fencingToken: () => number | undefined;
  readonly #sleep: (ms: number) => Promise<void>;
  /** Tail of the write queue: every write starts after the previous one settled. */
  #writes: Promise<unknown> = Promise.resolve();
  readonly #reads = new Set<Promise<unknown>>(); // under way, so a shut-down can wait for them
  /** Set once the session that owns this store closed: Baileys' late work is refused. */
  #shut = false;

  constructor(options: DynamoDbAuthStateStoreOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#pk = sessionPartitionKey(options.identity);
    this.#identity = options.identity;
    this.#cipher = options.cipher;
    this.#fencingToken = options.fencingToken ?? (() => undefined);
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * The auth state Baileys' makeWASocket takes, and the function to call on `creds.update`.
   * Fresh credentials when the session was never paired.
   */
  async load(): Promise<{
    state: AuthenticationState;
    saveCreds: () => Promise<void>;
    paired: boolean;
    /** Whether credentials were stored at all (linked or not). */
    stored: boolean;
  }> {
    const stored = await this.readCreds();
    const creds = stored ?? initAuthCreds();
    const keys: SignalKeyStore = {
      get: (type, ids) => this.getKeys(type, ids),
      set: (data) => this.setKeys(data),
      clear: () => this.clear(),
    };
    return {
      state: { creds, keys },
      saveCreds: () => this.writeCreds(creds),
      // `account` (the signed device identity) exists only once a phone accepted the link.
      paired: Boolean(stored?.account),
      stored: stored !== undefined,
    };
  }

  readCreds(): Promise<AuthenticationCreds | undefined> {
    return this.#read(() => this.#readCreds());
  }

  async #readCreds(): Promise<AuthenticationCreds | undefined> {
    await this.#writes.catch(() => undefined);
    const result = await this.#client.send(
      new GetItemCommand({
        TableName: this.#tableName,
        Key: this.#key(CREDS_SORT_KEY),
        ConsistentRead: true,
      }),
    );
    if (!result.Item) return undefined;
    const creds = (await this.#decode(result.Item)) as AuthenticationCreds;
    if (isStoredInTheClear(result.Item)) await this.#sealPartition(creds);
    return creds;
  }

  /** Saves the credentials as they are now; fenced by the lease token when there is one. */
  writeCreds(creds: AuthenticationCreds): Promise<void> {
    return this.#enqueue(async () => {
      const fence = this.#fencingToken();
      const item: Record<string, AttributeValue> = {
        ...this.#key(CREDS_SORT_KEY),
        ...(await this.#encode(creds)),
        updatedAt: { S: new Date().toISOString() },
      };
      if (fence !== undefined) item.fence = { N: String(fence) };
      const applied = await conditionHeld(() =>
        this.#client.send(
          new PutItemCommand({
            TableName: this.#tableName,
            Item: item,
            ...(fence !== undefined && {
              ConditionExpression: 'attribute_not_exists(fence) OR fence <= :fence',
              ExpressionAttributeValues: { ':fence': { N: String(fence) } },
            }),
          }),
        ),
      );
      if (!applied) {
        throw new SessionFencedError('a newer worker owns this session; credentials not saved');
      }
    });
  }

  getKeys<T extends keyof SignalDataTypeMap>(
    type: T,
    ids: string[],
  ): Promise<{ [id: string]: SignalDataTypeMap[T] }> {
    return this.#read(() => this.#getKeys(type, ids));
  }

  async #getKeys<T extends keyof SignalDataTypeMap>(
    type: T,
    ids: string[],
  ): Promise<{ [id: string]: SignalDataTypeMap[T] }> {
    await this.#writes.catch(() => undefined);
    const found: { [id: string]: SignalDataTypeMap[T] } = {};
    const unique = [...new Set(ids)];
    for (let start = 0; start < unique.length; start += BATCH_GET_SIZE) {
      let pending: Record<string, AttributeValue>[] = unique
        .slice(start, start + BATCH_GET_SIZE)
        .map((id) => this.#key(signalKeySortKey(type, id)));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > MAX_UNPROCESSED_RETRIES)
          throw new Error('auth state read kept being throttled');
        if (attempt > 0) await this.#sleep(unprocessedRetryPauseMs(attempt));
        const result = await this.#client.send(
          new BatchGetItemCommand({
            RequestItems: { [this.#tableName]: { Keys: pending, ConsistentRead: true } },
          }),
        );
        for (const item of result.Responses?.[this.#tableName] ?? []) {
          const id = item[SK]?.S?.slice(signalKeySortKey(type, '').length);
          if (id === undefined) continue;
          const value = await this.#decode(item);
          found[id] = (
            type === 'app-state-sync-key'
              ? proto.Message.AppStateSyncKeyData.fromObject(value as object)
              : value
          ) as SignalDataTypeMap[T];
        }
        pending = (result.UnprocessedKeys?.[this.#tableName]?.Keys ?? []) as Record<
          string,
          AttributeValue
        >[];
      }
    }
    return found;
  }

  /** Puts and deletes (null values) in batches, after every earlier write. */
  setKeys(data: SignalDataSet): Promise<void> {
    // Sealed now, in the order given, so a later set of the same key cannot be overtaken.
    const requests = Promise.all(
      Object.entries(data).flatMap(([type, values]) =>
        Object.entries(values ?? {}).map(async ([id, value]): Promise<WriteRequest> => {
          const key = this.#key(signalKeySortKey(type, id));
          return value === null || value === undefined
            ? { DeleteRequest: { Key: key } }
            : { PutRequest: { Item: { ...key, ...(await this.#encode(value)) } } };
        }),
      ),
    );
    return this.#enqueue(async () => this.#batchWrite(await requests));
  }

  /** Deletes the credentials and every key: the session must be paired again. */
  clear(): Promise<void> {
    return this.#enqueue(async () => {
      const requests: WriteRequest[] = [];
      const pages = paginateQuery(
        { client: this.#client },
        {
          TableName: this.#tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
          ExpressionAttributeValues: { ':pk': { S: this.#pk } },
          ProjectionExpression: '#pk, #sk',
        },
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          const sortKey = item[SK]?.S ?? '';
          if (sortKey === CREDS_SORT_KEY || sortKey.startsWith(SIGNAL_KEY_SORT_KEY_PREFIX)) {
            requests.push({ DeleteRequest: { Key: this.#key(sortKey) } });
          }
        }
      }
      await this.#batchWrite(requests);
    });
  }

  /**
   * Seals every value of the partition a release before sealing stored in the clear: the Signal
   * keys in place, then the credentials (last, so a crash part-way is resumed on the next load).
   */
  async #sealPartition(creds: AuthenticationCreds): Promise<void> {
    const requests: WriteRequest[] = [];
    const pages = paginateQuery(
      { client: this.#client },
      {
        TableName: this.#tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :keys)',
        ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
        ExpressionAttributeValues: {
          ':pk': { S: this.#pk },
          ':keys': { S: SIGNAL_KEY_SORT_KEY_PREFIX },
        },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        if (!isStoredInTheClear(item)) continue;
        const sortKey = item[SK]?.S ?? '';
        const value = await this.#decode(item);
        requests.push({
          PutRequest: { Item: { ...this.#key(sortKey), ...(await this.#encode(value)) } },
        });
      }
    }
    await this.#enqueue(() => this.#batchWrite(requests));
    await this.writeCreds(creds);
  }

  #encode(value: unknown): Promise<Record<string, AttributeValue>> {
    return sealAuthStateValue(value, this.#cipher, this.#identity);
  }

  #decode(item: Record<string, AttributeValue>): Promise<unknown> {
    return openAuthStateValue(item, this.#cipher, this.#identity);
  }

  #batchWrite(requests: WriteRequest[]): Promise<void> {
    return batchWriteAll(this.#client, this.#tableName, requests, {
      what: 'auth state write',
      sleep: this.#sleep,
    });
  }

  /** Resolves once every write queued so far has settled (whether it succeeded or not). */
  async settled(): Promise<void> {
    await this.#writes.catch(() => undefined);
  }

  /**
   * For the session that owns this store, when it closes: every later read and write is refused
   * (Baileys may still be decrypting what arrived before the socket ended), and this resolves
   * once the reads and writes under way settled, so the table is no longer in use.
   */
  async shutDown(): Promise<void> {
    this.#shut = true;
    await Promise.allSettled([...this.#reads]);
    await this.settled();
  }

  #refuseOnceShut(): void {
    if (this.#shut)
      throw new Error('the WhatsApp session closed; its auth state is no longer read');
  }

  #read<T>(read: () => Promise<T>): Promise<T> {
    this.#refuseOnceShut();
    const running = read();
    this.#reads.add(running);
    const done = () => this.#reads.delete(running);
    running.then(done, done);
    return running;
  }

  #enqueue(write: () => Promise<void>): Promise<void> {
    this.#refuseOnceShut();
    const run = this.#writes.catch(() => undefined).then(write);
    this.#writes = run;
    return run;
  }

  #key(sortKey: string): Record<string, AttributeValue> {
    return { [PK]: { S: this.#pk }, [SK]: { S: sortKey } };
  }
}
