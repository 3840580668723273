import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbTokenStore } from '../../../functions/adapters/dynamodb-token-store.ts';
import { createApiToken, revokeApiToken } from '../../../functions/cli/api-token-commands.ts';
import { hashApiToken } from '../../../functions/domain/token/api-token.ts';
import { type EmbeddedAws, startEmbeddedAws } from '../../support/aws/embedded-aws.ts';

describe('DynamoDbTokenStore with the token commands', () => {
  let aws: EmbeddedAws;
  let store: DynamoDbTokenStore;

  beforeAll(async () => {
    aws = await startEmbeddedAws();
    store = new DynamoDbTokenStore({
      client: aws.dynamoDb,
      tableName: aws.resources.tokensTableName,
    });
  });

  afterAll(async () => {
    await aws?.stop();
  });

  it('stores a new token only as its hash', async () => {
    const { token, record } = await createApiToken(store, {
      tenantId: 'acme',
      userId: 'alice',
      label: 'laptop',
    });

    const scan = await aws.dynamoDb.send(
      new ScanCommand({ TableName: aws.resources.tokensTableName }),
    );
    const stored = JSON.stringify(scan.Items);

    expect(stored).not.toContain(token);
    expect(record.tokenHash).toBe(hashApiToken(token));
    expect(await store.findByHash(hashApiToken(token))).toMatchObject({
      tenantId: 'acme',
      userId: 'alice',
      label: 'laptop',
    });
  });

  it('lists a tenant’s tokens without their secrets', async () => {
    await createApiToken(store, { tenantId: 'globex', userId: 'hank' });
    await createApiToken(store, { tenantId: 'globex', userId: 'marge' });

    const listed = await store.listByTenant('globex');

    expect(listed.map((record) => record.userId).sort()).toEqual(['hank', 'marge']);
    expect(listed.every((record) => record.tokenId.startsWith('tok_'))).toBe(true);
  });

  it('revokes by token and by tenant and id', async () => {
    const first = await createApiToken(store, { tenantId: 'initech', userId: 'peter' });
    const second = await createApiToken(store, { tenantId: 'initech', userId: 'milton' });

    await revokeApiToken(store, { token: first.token });
    await revokeApiToken(store, { tenantId: 'initech', tokenId: second.record.tokenId });

    expect((await store.findByHash(first.record.tokenHash))?.revokedAt).toBeTruthy();
    expect((await store.findByHash(second.record.tokenHash))?.revokedAt).toBeTruthy();
  });

  it('rejects tenant ids that could break key composition', async () => {
    const attempt = createApiToken(store, { tenantId: 'a#b', userId: 'u' });

    await expect(attempt).rejects.toThrow();
  });
});
