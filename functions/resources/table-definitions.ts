/**
 * One definition of each DynamoDB table, read by the CDK stateful stack and by the local stack
 * (which creates the same tables on the embedded DynamoDB). Attribute names live here too, so
 * the adapters and the infrastructure cannot drift apart.
 */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface TableDefinition {
  /** Construct id in CDK and the suffix of the local table name. */
  id: string;
  /** Environment variable that carries the table name to the code. */
  envVar: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Attribute holding an epoch-seconds expiry; DynamoDB TTL deletes late, readers check it. */
  ttlAttribute?: string;
  globalSecondaryIndexes?: readonly {
    indexName: string;
    partitionKey: KeyAttribute;
    sortKey?: KeyAttribute;
  }[];
  /** Holds what cannot be rebuilt (tokens, paired sessions): protected against deletion. */
  durable: boolean;
}

/** API tokens, stored only as SHA-256 hashes; listed per tenant through the index. */
export const TOKENS_TABLE = {
  id: 'Tokens',
  envVar: 'TOKENS_TABLE_NAME',
  partitionKey: { name: 'tokenHash', type: 'S' },
  globalSecondaryIndexes: [
    {
      indexName: 'byTenant',
      partitionKey: { name: 'tenantId', type: 'S' },
      sortKey: { name: 'createdAt', type: 'S' },
    },
  ],
  durable: true,
} as const satisfies TableDefinition;

/** Cached profiles, per (session, contact): never shared between users. */
export const PROFILE_CACHE_TABLE = {
  id: 'ProfileCache',
  envVar: 'CACHE_TABLE_NAME',
  partitionKey: { name: 'sessionKey', type: 'S' },
  sortKey: { name: 'contactKey', type: 'S' },
  ttlAttribute: 'expiresAt',
  durable: false,
} as const satisfies TableDefinition;

/** WhatsApp session state: auth credentials and keys, shard leases, session status. */
export const SESSIONS_TABLE = {
  id: 'Sessions',
  envVar: 'SESSIONS_TABLE_NAME',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  ttlAttribute: 'expiresAt',
  durable: true,
} as const satisfies TableDefinition;

/** Each tenant's webhook: URL, event types and its signing secret, encrypted (see the sealer). */
export const WEBHOOKS_TABLE = {
  id: 'Webhooks',
  envVar: 'WEBHOOKS_TABLE_NAME',
  partitionKey: { name: 'tenantId', type: 'S' },
  durable: true,
} as const satisfies TableDefinition;

export const TABLE_DEFINITIONS: readonly TableDefinition[] = [
  TOKENS_TABLE,
  PROFILE_CACHE_TABLE,
  SESSIONS_TABLE,
  WEBHOOKS_TABLE,
];
