import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbPairingAttempts } from '../../../functions/adapters/dynamodb-pairing-attempts.ts';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import { createApiToken } from '../../../functions/cli/api-token-commands.ts';
import type { LocalStack } from '../../../functions/local/local-stack.ts';
import { callApi, isErrorEnvelope, isGatewayErrorEnvelope } from '../../support/http/api-client.ts';
import {
  crashWorkerAndExpireLease,
  killLocalStack,
  startLocalStackWithToken,
} from '../../support/local-stack/local-stack-with-token.ts';

const FIRST_CODE_WAIT_MS = 2_000;

describe('the session routes on the local stack', () => {
  let stack: LocalStack;
  let token: string;
  let tokenOf: (userId: string) => Promise<string>;
  /** GET /session with two users' tokens at once: each one's own view of its session. */
  const readSessionsWith = (first: string, second: string) =>
    Promise.all([
      callApi(stack.url, '/session', { token: first }),
      callApi(stack.url, '/session', { token: second }),
    ]);

  beforeAll(async () => {
    let tokens: Awaited<ReturnType<typeof startLocalStackWithToken>>['tokens'];
    ({ stack, token, tokens } = await startLocalStackWithToken({
      PAIRING_FIRST_CODE_WAIT_MS: String(FIRST_CODE_WAIT_MS),
      SESSION_COMMAND_DEADLINE_MS: '3000',
      // Nothing listens there: a worker that opens a pairing socket is refused at once.
      WA_WEBSOCKET_URL: 'ws://127.0.0.1:9/ws/chat',
    }));
    tokenOf = async (userId) => (await createApiToken(tokens, { tenantId: 'acme', userId })).token;
  });

  afterAll(async () => {
    await killLocalStack(stack);
  });

  it('answers GET /session unpaired for a user who never paired', async () => {
    const response = await callApi(stack.url, '/session', { token });

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toEqual({
      success: true,
      data: { status: 'unpaired', jid: null, since: null },
    });
  });

  it('answers the paired account and since when, for its own user only', async () => {
    // prepare
    const bobToken = await tokenOf('bob');
    await new SessionStatusStore({
      client: stack.dynamoDb,
      tableName: stack.resources.sessionsTableName,
    }).put(
      { tenantId: 'acme', userId: 'bob' },
      { state: 'paired', account: '55*********99', jid: '5511999999999@s.whatsapp.net' },
    );

    // act
    const [bob, alice] = await readSessionsWith(bobToken, token);

    // assert
    expect(bob.body.data).toEqual({
      status: 'paired',
      jid: '5511999999999@s.whatsapp.net',
      since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(alice.body.data.status).toBe('unpaired');
  });

  it('shows the current QR payload of a pairing under way, to its own user only', async () => {
    // prepare
    const carolToken = await tokenOf('carol');
    const carol = { tenantId: 'acme', userId: 'carol' };
    const attempts = new DynamoDbPairingAttempts({
      client: stack.dynamoDb,
      tableName: stack.resources.sessionsTableName,
    });
    const now = Date.now();
    await attempts.claim(
      carol,
      {
        attemptId: 'a1',
        method: 'qr',
        state: 'starting',
        startedAt: now,
        endsAt: now + 160_000,
        aliveUntil: now + 60_000,
        recentStarts: [now],
      },
      null,
    );
    await attempts.progress(carol, 'a1', {
      state: 'waiting',
      qr: '2@stand-in-qr-payload',
      codeExpiresAt: now + 60_000,
      aliveUntil: now + 70_000,
    });

    // act
    const [mine, theirs] = await readSessionsWith(carolToken, token);

    // assert
    expect(mine.body.data).toMatchObject({
      status: 'pairing',
      qr: '2@stand-in-qr-payload',
      expires_at: expect.stringMatching(/Z$/),
    });
    expect(theirs.text).not.toContain('stand-in-qr-payload');
  });

  it.each([
    ['/session', 'GET'],
    ['/session', 'DELETE'],
    ['/session/pair', 'POST'],
  ])('answers 401 UNAUTHORIZED for %s %s without a token', async (path, method) => {
    const response = await callApi(stack.url, path, { method });

    expect(response.status).toBe(401);
    expect(isErrorEnvelope(response.body, 'UNAUTHORIZED')).toBe(true);
  });

  it.each([
    ['{"phone":"12"}', 'phone must have 8 to 15 digits including the country code'],
    ['{"number":"+5511999999999"}', 'Unrecognized key: "number"'],
    ['{"phone":', 'the body must be JSON: {} or {"phone": "+55 11 99999-9999"}'],
  ])('answers 400 VALIDATION_ERROR for the pair body %s', async (body, message) => {
    const response = await callApi(stack.url, '/session/pair', { token, method: 'POST', body });

    expect(response.status).toBe(400);
    expect(isErrorEnvelope(response.body, 'VALIDATION_ERROR')).toBe(true);
    expect(response.body.error).toBe(message);
  });

  it.each([
    ['/session', 'PUT'],
    ['/session/pair', 'GET'],
  ])('answers 404 NOT_FOUND for %s %s', async (path, method) => {
    const response = await callApi(stack.url, path, { token, method });

    // API Gateway answers these itself (no function runs): the timestamp is its request time.
    expect(response.status).toBe(404);
    expect(isGatewayErrorEnvelope(response.body, 'NOT_FOUND')).toBe(true);
  });

  it('answers POST /session/pair with an envelope within the first-code wait when no code comes', async () => {
    // prepare
    const daveToken = await tokenOf('dave');
    const started = Date.now();

    // act
    const response = await callApi(stack.url, '/session/pair', {
      token: daveToken,
      method: 'POST',
    });

    // assert: 504 while no worker pairs; 503 once a worker finds WhatsApp unreachable.
    expect(Date.now() - started).toBeLessThan(FIRST_CODE_WAIT_MS + 3_000);
    expect([503, 504]).toContain(response.status);
    expect(
      isErrorEnvelope(response.body, 'UPSTREAM_TIMEOUT') ||
        isErrorEnvelope(response.body, 'SESSION_UNAVAILABLE'),
    ).toBe(true);
  });

  describe('when no worker holds the session’s shard', () => {
    beforeAll(async () => {
      await crashWorkerAndExpireLease(stack);
    });

    it('answers POST /session/pair 503 SESSION_UNAVAILABLE and leaves the session unpaired', async () => {
      // prepare
      const erinToken = await tokenOf('erin');

      // act
      const response = await callApi(stack.url, '/session/pair', {
        token: erinToken,
        method: 'POST',
        body: '{}',
      });
      const after = await callApi(stack.url, '/session', { token: erinToken });

      // assert
      expect(response.status).toBe(503);
      expect(isErrorEnvelope(response.body, 'SESSION_UNAVAILABLE')).toBe(true);
      expect(after.body.data.status).toBe('unpaired');
    });

    it('answers DELETE /session 503 SESSION_UNAVAILABLE', async () => {
      const response = await callApi(stack.url, '/session', { token, method: 'DELETE' });

      expect(response.status).toBe(503);
      expect(isErrorEnvelope(response.body, 'SESSION_UNAVAILABLE')).toBe(true);
    });
  });
});
