import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbTokenStore } from '../../../functions/adapters/dynamodb-token-store.ts';
import { createApiToken } from '../../../functions/cli/api-token-commands.ts';
import type { LocalStack } from '../../../functions/local/local-stack.ts';
import { callApi, isErrorEnvelope } from '../../support/http/api-client.ts';
import {
  killLocalStack,
  startLocalStackWithToken,
} from '../../support/local-stack/local-stack-with-token.ts';
import { startWebhookReceiver } from '../../support/webhooks/webhook-receiver.ts';

const CACHE_TTL_SECONDS = 1;
const json = (value: unknown) => JSON.stringify(value);

const ADMIN_ROUTES = [
  ['POST', '/admin/tokens', json({ user: 'zed' })],
  ['GET', '/admin/tokens', undefined],
  ['DELETE', '/admin/tokens/tok_000000000000', undefined],
  ['GET', '/admin/sessions', undefined],
  ['PUT', '/admin/webhook', json({ url: 'https://example.com/hook' })],
  ['GET', '/admin/webhook', undefined],
  ['DELETE', '/admin/webhook', undefined],
] as const;

describe('tenant administration on the local stack', () => {
  let stack: LocalStack;
  let userToken: string;
  let adminA: string;
  let adminB: string;

  beforeAll(async () => {
    let tokens: DynamoDbTokenStore;
    ({
      stack,
      token: userToken,
      tokens,
    } = await startLocalStackWithToken({
      TOKEN_CACHE_TTL_SECONDS: String(CACHE_TTL_SECONDS),
      WEBHOOK_RETRY_BASE_SECONDS: '1',
      PAIRING_FIRST_CODE_WAIT_MS: '2000',
      // Nothing listens there: the worker's pairing socket is refused, so the attempt ends.
      WA_WEBSOCKET_URL: 'ws://127.0.0.1:9/ws/chat',
    }));
    const admin = (tenantId: string) =>
      createApiToken(tokens, { tenantId, userId: 'boss', role: 'admin' });
    adminA = (await admin('acme')).token;
    adminB = (await admin('globex')).token;
  });

  afterAll(async () => {
    await killLocalStack(stack);
  });

  it.each(ADMIN_ROUTES)(
    'answers a user token 403 FORBIDDEN on %s %s',
    async (method, path, body) => {
      const response = await callApi(stack.url, path, {
        token: userToken,
        method,
        ...(body ? { body } : {}),
      });

      expect(response.status).toBe(403);
      expect(isErrorEnvelope(response.body, 'FORBIDDEN')).toBe(true);
    },
  );

  it('creates, lists and revokes a user token, denied within the cache window', async () => {
    // prepare
    const created = await callApi(stack.url, '/admin/tokens', {
      token: adminA,
      method: 'POST',
      body: json({ user: 'carol', label: 'CRM sync' }),
    });
    const carol = created.body.data;
    expect(created.status).toBe(201);
    expect(carol).toMatchObject({ user: 'carol', label: 'CRM sync', role: 'user' });
    expect((await callApi(stack.url, '/session', { token: carol.token })).status).toBe(200);

    // act
    const listed = await callApi(stack.url, '/admin/tokens?user=carol', { token: adminA });
    const revoked = await callApi(stack.url, `/admin/tokens/${carol.id}`, {
      token: adminA,
      method: 'DELETE',
    });
    const revokedAt = Date.now();
    let denied = await callApi(stack.url, '/session', { token: carol.token });
    while (denied.status === 200 && Date.now() - revokedAt < CACHE_TTL_SECONDS * 1000 + 500) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      denied = await callApi(stack.url, '/session', { token: carol.token });
    }

    // assert
    expect(listed.body.data).toEqual([
      {
        id: carol.id,
        user: 'carol',
        label: 'CRM sync',
        role: 'user',
        created_at: carol.created_at,
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(carol.token);
    expect(revoked.body.data).toEqual({ id: carol.id, revoked_at: expect.any(String) });
    expect(denied.status).toBe(401);
    const after = await callApi(stack.url, '/admin/tokens?user=carol', { token: adminA });
    expect(after.body.data).toEqual([]);
  });

  it("never shows an admin another tenant's tokens, sessions or token ids", async () => {
    // prepare
    const mine = await callApi(stack.url, '/admin/tokens', {
      token: adminA,
      method: 'POST',
      body: json({ user: 'dave' }),
    });

    // act
    const tokensOfB = await callApi(stack.url, '/admin/tokens', { token: adminB });
    const sessionsOfB = await callApi(stack.url, '/admin/sessions', { token: adminB });
    const revokeByB = await callApi(stack.url, `/admin/tokens/${mine.body.data.id}`, {
      token: adminB,
      method: 'DELETE',
    });
    const sessionsOfA = await callApi(stack.url, '/admin/sessions', { token: adminA });

    // assert
    expect(tokensOfB.body.data.map((token: { user: string }) => token.user)).toEqual(['boss']);
    expect(sessionsOfB.body.data).toEqual([
      { user: 'boss', status: 'unpaired', jid: null, since: null },
    ]);
    expect(revokeByB.status).toBe(404);
    expect(sessionsOfA.body.data.map((session: { user: string }) => session.user)).toContain(
      'dave',
    );
  });

  it.each([
    'http://10.0.0.8/hook',
    'https://169.254.169.254/latest/meta-data',
    'http://[::ffff:192.168.1.1]/hook',
    'ftp://example.com/hook',
  ])('refuses the webhook URL %s', async (url) => {
    const response = await callApi(stack.url, '/admin/webhook', {
      token: adminA,
      method: 'PUT',
      body: json({ url }),
    });

    expect(response.status).toBe(400);
    expect(isErrorEnvelope(response.body, 'VALIDATION_ERROR')).toBe(true);
  });

  it('delivers signed session.status events to its own tenant, again after a 500', async () => {
    // prepare: acme's receiver answers the first delivery 500; globex has one of its own.
    const receiverA = await startWebhookReceiver([500]);
    const receiverB = await startWebhookReceiver();
    try {
      const set = await callApi(stack.url, '/admin/webhook', {
        token: adminA,
        method: 'PUT',
        body: json({ url: receiverA.url }),
      });
      await callApi(stack.url, '/admin/webhook', {
        token: adminB,
        method: 'PUT',
        body: json({ url: receiverB.url }),
      });
      const secret: string = set.body.data.secret;
      expect(set.body.data).toEqual({
        url: receiverA.url,
        // Every event type unless the body names some.
        events: ['session.status', 'contact.changed'],
        secret: expect.stringMatching(/^whsec_/),
      });
      const read = await callApi(stack.url, '/admin/webhook', { token: adminA });
      expect(read.body.data).toEqual({
        url: receiverA.url,
        events: ['session.status', 'contact.changed'],
      });
      // At rest the secret is sealed: the table holds no trace of it.
      const stored = await stack.dynamoDb.send(
        new ScanCommand({ TableName: stack.resources.webhooksTableName }),
      );
      expect(JSON.stringify(stored.Items)).not.toContain(secret.slice('whsec_'.length, 20));

      // act: alice pairs; the worker's socket is refused, so the attempt ends.
      await callApi(stack.url, '/session/pair', { token: userToken, method: 'POST', body: '{}' });
      const statuses = () =>
        receiverA.deliveries
          .filter((delivery) => delivery.answered === 204)
          .map((delivery) => receiverA.verified(delivery, secret).data);
      // The first (pairing started) was answered 500: it comes back a second later, after the end.
      await receiverA.waitFor(() => statuses().length >= 2);

      // assert
      const all = receiverA.deliveries.map((delivery) => receiverA.verified(delivery, secret));
      expect(all.every((event) => event.type === 'session.status')).toBe(true);
      expect(statuses()).toHaveLength(2);
      expect(statuses()).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            tenant: 'acme',
            user: 'alice',
            status: 'pairing',
            previous_status: 'unpaired',
            reason: 'pairing_started',
            jid: null,
          }),
          expect.objectContaining({ status: 'unpaired', previous_status: 'pairing' }),
        ]),
      );
      const [refused, ...rest] = receiverA.deliveries;
      expect(refused?.answered).toBe(500);
      expect(rest.some((d) => d.headers['webhook-id'] === refused?.headers['webhook-id'])).toBe(
        true,
      );
      // A body changed on the way no longer verifies.
      const [first] = rest;
      if (!first) throw new Error('no delivery after the refused one');
      expect(() => receiverA.verified({ ...first, body: `${first.body} ` }, secret)).toThrow();
      expect(receiverB.deliveries).toEqual([]);
    } finally {
      await receiverA.close();
      await receiverB.close();
    }
  });
});
