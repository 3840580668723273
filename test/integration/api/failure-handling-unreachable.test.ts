import type { AddressInfo } from 'node:net';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import dynalite from 'dynalite';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbProfileCache } from '../../../functions/adapters/dynamodb-profile-cache.ts';
import { DynamoDbTenantUsageKeys } from '../../../functions/adapters/dynamodb-tenant-usage-keys.ts';
import { DynamoDbTokenStore } from '../../../functions/adapters/dynamodb-token-store.ts';
import { DynamoDbWorkerPresence } from '../../../functions/adapters/dynamodb-worker-presence.ts';
import { SqsWorkerClient } from '../../../functions/adapters/worker-client/sqs-worker-client.ts';
import { createAuthorizeBearerToken } from '../../../functions/authorizer/authorize-bearer-token.ts';
import { createAuthorizerHandler } from '../../../functions/authorizer/create-authorizer-handler.ts';
import { TokenLookupCache } from '../../../functions/authorizer/token-lookup-cache.ts';
import { createApiToken } from '../../../functions/cli/api-token-commands.ts';
import { createGetContactProfile } from '../../../functions/contacts/get-profile/get-contact-profile.ts';
import { createGetProfileRoute } from '../../../functions/contacts/get-profile/get-profile-route.ts';
import { type LocalGateway, startLocalGateway } from '../../../functions/local/local-gateway.ts';
import { provisionLocalResources } from '../../../functions/local/provision-local-resources.ts';
import { createDynamoDbClient, createSqsClient } from '../../../functions/platform/aws-clients.ts';
import { createLogger } from '../../../functions/platform/logger.ts';
import { ShardLease } from '../../../functions/worker/shard-lease.ts';
import { callApi, isErrorEnvelope, isGatewayErrorEnvelope } from '../../support/http/api-client.ts';

/**
 * DynamoDB or SQS going away under a running API: the real authorizer and profile handler
 * (built with the production AWS client settings) behind the local gateway, talking to dynalite
 * and fauxqs that this test stops one at a time.
 */

/** What a response must never show: addresses, error codes, stack frames of our internals. */
const INTERNALS = /ECONNREFUSED|127\.0\.0\.1|localhost|TypeError|\bat \S+ \(|\.ts:\d+|Exception/;

describe('failure handling when DynamoDB or SQS is unreachable', () => {
  let dynamoDbServer: ReturnType<typeof dynalite>;
  let sqsServer: FauxqsServer;
  let dynamoDb: DynamoDBClient;
  let sqs: SQSClient;
  let gateway: LocalGateway;
  let token: string;
  const saved = {
    dynamo: process.env.AWS_ENDPOINT_URL_DYNAMODB,
    sqs: process.env.AWS_ENDPOINT_URL_SQS,
  };

  beforeAll(async () => {
    dynamoDbServer = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve) => dynamoDbServer.listen(0, '127.0.0.1', () => resolve()));
    sqsServer = await startFauxqs({ port: 0, host: 'localhost', logger: false });
    const { port } = dynamoDbServer.address() as AddressInfo;
    // The production clients read the SDK's standard endpoint variables.
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port}`,
      AWS_ENDPOINT_URL_SQS: sqsServer.address,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    dynamoDb = createDynamoDbClient();
    sqs = createSqsClient();
    const resources = await provisionLocalResources(dynamoDb, sqs, { shardCount: 1 });
    const tokens = new DynamoDbTokenStore({
      client: dynamoDb,
      tableName: resources.tokensTableName,
    });
    ({ token } = await createApiToken(tokens, { tenantId: 'acme', userId: 'alice' }));
    // A worker holds the shard (its lease is live), so a miss goes to SQS.
    await new ShardLease({
      client: dynamoDb,
      tableName: resources.sessionsTableName,
      ownerId: 'test-worker',
      durationMs: 600_000,
    }).acquire(0);

    const logger = createLogger('failure-handling-test');
    const authorizer = createAuthorizerHandler({
      authorizeBearerToken: createAuthorizeBearerToken({
        tokens,
        cache: new TokenLookupCache({ ttlMs: 60_000 }),
        usageKeys: new DynamoDbTenantUsageKeys({
          client: dynamoDb,
          tableName: resources.tokensTableName,
        }),
      }),
      logger,
    });
    const profile = createGetProfileRoute({
      getContactProfile: createGetContactProfile({
        cache: new DynamoDbProfileCache({
          client: dynamoDb,
          tableName: resources.cacheTableName,
          retentionSeconds: 0,
        }),
        workerClient: new SqsWorkerClient({
          sqs,
          presence: new DynamoDbWorkerPresence({
            client: dynamoDb,
            tableName: resources.sessionsTableName,
          }),
          requestQueueUrls: resources.requestQueueUrls,
          replyQueueNamePrefix: 'fh-unreachable-',
        }),
        freshSeconds: 3600,
        staleFallbackAfterMs: 1_000,
      }),
      logger,
      freshSeconds: 3600,
      liveLookupDeadlineMs: 3_000,
    });
    gateway = await startLocalGateway({
      authorizer,
      functions: { contacts: profile, session: profile, console: profile, admin: profile },
      port: 0,
    });
  });

  afterAll(async () => {
    await gateway?.close();
    dynamoDb?.destroy();
    sqs?.destroy();
    await sqsServer?.stop().catch(() => undefined);
    await new Promise<void>((resolve) => dynamoDbServer?.close(() => resolve()));
    process.env.AWS_ENDPOINT_URL_DYNAMODB = saved.dynamo;
    process.env.AWS_ENDPOINT_URL_SQS = saved.sqs;
  });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After when SQS is unreachable on a miss', async () => {
    // Any authorized call caches the authorizer's lookup of this token.
    const before = await callApi(gateway.url, '/contacts/profile?jid=not-a-jid', { token });
    await sqsServer.stop();

    const response = await callApi(gateway.url, '/contacts/profile?jid=5511911113333%40lid', {
      token,
    });

    expect(before.status).toBe(400);
    expect(response.status).toBe(503);
    expect(isErrorEnvelope(response.body, 'SERVICE_UNAVAILABLE')).toBe(true);
    expect(response.body.error).toBe('the session worker tier cannot be reached; retry shortly');
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.text).not.toMatch(INTERNALS);
  });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After when DynamoDB is unreachable', async () => {
    await new Promise<void>((resolve) => dynamoDbServer.close(() => resolve()));

    // The token is known to the authorizer's cache; the profile cache read fails.
    const cachedToken = await callApi(gateway.url, '/contacts/profile?jid=5511911114444%40lid', {
      token,
    });
    // An unseen token needs the tokens table: the authorizer fails, API Gateway answers 503.
    const unseenToken = await callApi(gateway.url, '/contacts/profile?jid=5511911114444%40lid', {
      token: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
    });

    expect(cachedToken.status).toBe(503);
    expect(isErrorEnvelope(cachedToken.body, 'SERVICE_UNAVAILABLE')).toBe(true);
    expect(cachedToken.headers.get('retry-after')).toBe('1');
    expect(cachedToken.body.error).toBe(
      'the profile cache is temporarily unavailable; retry shortly',
    );
    expect(cachedToken.text).not.toMatch(INTERNALS);
    expect(unseenToken.status).toBe(503);
    expect(unseenToken.body).toMatchObject({
      success: false,
      error_code: 'SERVICE_UNAVAILABLE',
      error: 'authorization is temporarily unavailable; retry shortly',
    });
    expect(unseenToken.headers.get('retry-after')).toBe('1');
    expect(unseenToken.text).not.toMatch(INTERNALS);
  });

  it('still answers bad input and unknown routes with their own envelopes while both are down', async () => {
    const invalid = await callApi(gateway.url, '/contacts/profile?jid=120363025246125486%40g.us', {
      token,
    });
    const unknownRoute = await callApi(gateway.url, '/contacts/avatar', { token });

    expect(invalid.status).toBe(400);
    expect(isErrorEnvelope(invalid.body, 'VALIDATION_ERROR')).toBe(true);
    expect(unknownRoute.status).toBe(404);
    expect(isGatewayErrorEnvelope(unknownRoute.body, 'NOT_FOUND')).toBe(true);
  });
});
