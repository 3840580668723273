import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbTenantUsageKeys } from '../../../functions/adapters/dynamodb-tenant-usage-keys.ts';
import { DynamoDbTokenStore } from '../../../functions/adapters/dynamodb-token-store.ts';
import {
  createApiToken,
  registerTenantUsageKey,
} from '../../../functions/cli/api-token-commands.ts';
import type { TenantUsageKey } from '../../../functions/ports/tenant-usage-keys.ts';
import { type EmbeddedAws, startEmbeddedAws } from '../../support/aws/embedded-aws.ts';

describe('DynamoDbTenantUsageKeys with the token commands', () => {
  let aws: EmbeddedAws;
  let tokens: DynamoDbTokenStore;
  let usageKeys: DynamoDbTenantUsageKeys;

  beforeAll(async () => {
    aws = await startEmbeddedAws();
    const table = { client: aws.dynamoDb, tableName: aws.resources.tokensTableName };
    tokens = new DynamoDbTokenStore(table);
    usageKeys = new DynamoDbTenantUsageKeys(table);
  });

  afterAll(async () => {
    await aws?.stop();
  });

  it("makes the tenant's usage key with its first token and keeps it for the next ones", async () => {
    // act
    await createApiToken(tokens, { tenantId: 'umbrella', userId: 'alice' });
    const first = await usageKeys.find('umbrella');
    await createApiToken(tokens, { tenantId: 'umbrella', userId: 'bob' });
    const second = await usageKeys.find('umbrella');

    // assert
    expect(first?.usageKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).toEqual(first);
    expect(await usageKeys.find('nobody')).toBeNull();
  });

  it("keeps the tenant item out of the tenant's token list", async () => {
    await createApiToken(tokens, { tenantId: 'hooli', userId: 'gavin' });
    const listed = await tokens.listByTenant('hooli');
    expect(listed.map((record) => record.userId)).toEqual(['gavin']);
  });

  it('registers a tenant usage key with the usage plan once, and not at all locally', async () => {
    // prepare
    await createApiToken(tokens, { tenantId: 'wonka', userId: 'charlie' });
    const registered: TenantUsageKey[] = [];
    const registry = {
      register: async (key: TenantUsageKey) => {
        registered.push(key);
        return 'apikey123';
      },
    };

    // act
    const locally = await registerTenantUsageKey(usageKeys, undefined, 'wonka');
    const first = await registerTenantUsageKey(usageKeys, registry, 'wonka');
    const again = await registerTenantUsageKey(usageKeys, registry, 'wonka');

    // assert
    expect(locally).toBeUndefined();
    expect([first, again]).toEqual(['apikey123', 'apikey123']);
    expect(registered).toEqual([
      { tenantId: 'wonka', usageKey: (await usageKeys.find('wonka'))?.usageKey },
    ]);
    expect((await usageKeys.find('wonka'))?.apiKeyId).toBe('apikey123');
  });

  it('makes a usage key for a tenant whose tokens are older than usage keys', async () => {
    const apiKeyId = await registerTenantUsageKey(usageKeys, undefined, 'initech');
    expect(apiKeyId).toBeUndefined();
    expect((await usageKeys.find('initech'))?.usageKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
