import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type SessionIdentity, sessionShard } from '../domain/session/session-identity.ts';
import type { CredentialCipher } from '../ports/credential-cipher.ts';
import type { HeldShardLeases } from '../ports/held-shard-leases.ts';
import { DynamoDbAuthStateStore } from './dynamodb-auth-state-store.ts';

/**
 * Each session's credential store, fenced by its shard's lease: the one place the worker's
 * credential stores are built, for serving, pairing and logout alike.
 */
export function createAuthStateStores(options: {
  client: DynamoDBClient;
  tableName: string;
  shardCount: number;
  leases: Pick<HeldShardLeases, 'fencingToken'>;
  cipher: CredentialCipher;
}): (identity: SessionIdentity) => DynamoDbAuthStateStore {
  const { client, tableName, shardCount, leases, cipher } = options;
  return (identity) => {
    const shard = sessionShard(identity, shardCount);
    return new DynamoDbAuthStateStore({
      client,
      tableName,
      identity,
      cipher,
      fencingToken: () => leases.fencingToken(shard),
    });
  };
}
