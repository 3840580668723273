import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbPairingAttempts } from '../../../functions/adapters/dynamodb-pairing-attempts.ts';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import { DynamoDbTokenStore } from '../../../functions/adapters/dynamodb-token-store.ts';
import { createApiToken } from '../../../functions/cli/api-token-commands.ts';
import { type LocalStack, startLocalStack } from '../../../functions/local/local-stack.ts';
import { callApi } from '../../support/http/api-client.ts';
import { startLoopbackWhatsAppServer } from '../../support/whatsapp/loopback-whatsapp-server.ts';
import { testAuthStateStore } from '../../support/whatsapp/test-auth-state-store.ts';
import { TEST_CREDENTIALS_KEY } from '../../support/whatsapp/test-credential-cipher.ts';

describe('the worker with WA_BACKEND=baileys on the local stack', () => {
  let stack: LocalStack;
  let whatsApp: Awaited<ReturnType<typeof startLoopbackWhatsAppServer>>;
  let tokens: DynamoDbTokenStore;

  beforeAll(async () => {
    whatsApp = await startLoopbackWhatsAppServer();
    stack = await startLocalStack({
      port: 0,
      workerOutput: 'ignore',
      environment: {
        WA_BACKEND: 'baileys',
        // The key the credentials this file stores are sealed with.
        CREDENTIALS_KEY: TEST_CREDENTIALS_KEY,
        WA_WEBSOCKET_URL: whatsApp.url,
        WA_CONNECT_WAIT_MS: '500',
        WA_RECONNECT_BASE_MS: '100',
        WA_RECONNECT_MAX_MS: '500',
        LIVE_LOOKUP_DEADLINE_MS: '5000',
      },
    });
    tokens = new DynamoDbTokenStore({
      client: stack.dynamoDb,
      tableName: stack.resources.tokensTableName,
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await whatsApp?.stop();
  });

  it('answers 503 SESSION_UNAVAILABLE for a user whose session was never paired', async () => {
    const { token } = await createApiToken(tokens, { tenantId: 'acme', userId: 'unpaired' });

    const response = await callApi(
      stack.url,
      '/contacts/profile?jid=5511999999999%40s.whatsapp.net',
      {
        token,
      },
    );

    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({
      success: false,
      error_code: 'SESSION_UNAVAILABLE',
      error: 'the WhatsApp session is not paired; pair this session',
    });
  });

  it('answers "re-pair this session" for a session WhatsApp logged out', async () => {
    const identity = { tenantId: 'acme', userId: 'logged-out' };
    const { token } = await createApiToken(tokens, identity);
    const statuses = new SessionStatusStore({
      client: stack.dynamoDb,
      tableName: stack.resources.sessionsTableName,
    });
    await statuses.put(identity, { state: 'logged_out', reason: 'test' });

    const response = await callApi(
      stack.url,
      '/contacts/profile?jid=5511999999999%40s.whatsapp.net',
      {
        token,
      },
    );

    expect(response.status).toBe(503);
    expect(JSON.stringify(response.body)).toContain('re-pair this session');
  });

  it('connects a paired session to the configured WebSocket with a Noise handshake', async () => {
    const identity = { tenantId: 'acme', userId: 'paired' };
    const { token } = await createApiToken(tokens, identity);
    const store = testAuthStateStore(
      { client: stack.dynamoDb, tableName: stack.resources.sessionsTableName },
      identity,
    );
    const { state, saveCreds } = await store.load();
    state.creds.me = { id: '5511987654321:2@s.whatsapp.net', name: 'Ana' };
    state.creds.account = { details: Buffer.from('d'), accountSignatureKey: Buffer.alloc(32) };
    await saveCreds();
    const before = whatsApp.hellos.length;

    const response = await callApi(
      stack.url,
      '/contacts/profile?jid=5511999999999%40s.whatsapp.net',
      {
        token,
      },
    );

    expect(response.status).toBe(503);
    const [hello] = (await whatsApp.waitForHellos(before + 1)).slice(before);
    expect(hello?.ephemeralKeyLength).toBe(32);
  });

  it('opens a pairing handshake for a pair command on the session-command queue of its shard and ends the attempt when WhatsApp closes', async () => {
    const identity = { tenantId: 'acme', userId: 'pairing' };
    const attempts = new DynamoDbPairingAttempts({
      client: stack.dynamoDb,
      tableName: stack.resources.sessionsTableName,
    });
    const now = Date.now();
    const attemptId = randomUUID();
    await attempts.claim(
      identity,
      {
        attemptId,
        method: 'qr',
        state: 'starting',
        startedAt: now,
        endsAt: now + 60_000,
        aliveUntil: now + 30_000,
        recentStarts: [now],
      },
      null,
    );
    const before = whatsApp.hellos.length;

    await stack.sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.resources.sessionCommandQueueUrls[0],
        MessageBody: JSON.stringify({
          kind: 'pair-session',
          version: 1,
          correlationId: randomUUID(),
          deadline: now + 60_000,
          tenantId: identity.tenantId,
          userId: identity.userId,
          attemptId,
        }),
      }),
    );
    const [hello] = (await whatsApp.waitForHellos(before + 1)).slice(before);
    let attempt = await attempts.latest(identity);
    for (let tries = 0; attempt?.state !== 'ended' && tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      attempt = await attempts.latest(identity);
    }

    expect(hello?.ephemeralKeyLength).toBe(32);
    expect(attempt).toMatchObject({ attemptId, state: 'ended', endReason: 'closed' });
  });
});
