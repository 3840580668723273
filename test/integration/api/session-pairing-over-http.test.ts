import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../functions/cli/api-token-commands.ts';
import type { LocalStack } from '../../../functions/local/local-stack.ts';
import { type ApiResponse, callApi, isErrorEnvelope } from '../../support/http/api-client.ts';
import {
  killLocalStack,
  type LocalStackWithToken,
  startLocalStackOnStandIn,
  startLocalStackWithToken,
  UNREACHED_USAGE_PLAN,
} from '../../support/local-stack/local-stack-with-token.ts';
import {
  startWhatsAppServerStandIn,
  type WhatsAppServerStandIn,
} from '../../support/whatsapp/server-stand-in.ts';
import { startSilentWhatsAppEndpoint } from '../../support/whatsapp/silent-endpoint.ts';

const ACCOUNT = { jid: '5511987654321@s.whatsapp.net' };
const SESSION_CLI = new URL('../../../functions/cli/session-cli.ts', import.meta.url).pathname;

/** Polls GET /session until `done` says so (or fails after `timeoutMs`). */
async function sessionUntil(
  stack: LocalStack,
  token: string,
  done: (data: { status: string }) => boolean,
  timeoutMs = 15_000,
): Promise<ApiResponse> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    const response = await callApi(stack.url, '/session', { token });
    if (response.status === 200 && done(response.body.data)) return response;
    if (Date.now() > giveUpAt) {
      throw new Error(`GET /session never got there; last: ${response.text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `npm start` with its worker pointed at the WhatsApp stand-in, which it trusts. */
describe('pairing over HTTP through the worker (local stack and WhatsApp stand-in)', () => {
  let whatsApp: WhatsAppServerStandIn;
  let stack: LocalStack;
  let alice: string;
  let bob: string;
  let carol: string;

  beforeAll(async () => {
    whatsApp = await startWhatsAppServerStandIn();
    let tokens: LocalStackWithToken['tokens'];
    ({
      stack,
      token: alice,
      tokens,
    } = await startLocalStackOnStandIn(whatsApp, { usagePlan: UNREACHED_USAGE_PLAN }));
    ({ token: bob } = await createApiToken(tokens, { tenantId: 'acme', userId: 'bob' }));
    ({ token: carol } = await createApiToken(tokens, { tenantId: 'acme', userId: 'carol' }));
  }, 30_000);

  afterAll(async () => {
    await killLocalStack(stack);
    await whatsApp?.stop();
  });

  it('pairs two users at once, each seeing only their own QR, and serves the linked one on its socket', async () => {
    // prepare: both users start pairing at the same time
    const [alicePair, bobPair] = await Promise.all([
      callApi(stack.url, '/session/pair', { token: alice, method: 'POST' }),
      callApi(stack.url, '/session/pair', { token: bob, method: 'POST', body: '{}' }),
    ]);
    const aliceAgain = await callApi(stack.url, '/session/pair', { token: alice, method: 'POST' });
    const aliceGet = await callApi(stack.url, '/session', { token: alice });

    // act: Alice's phone scans her code
    const linked = await whatsApp.scanQr(alicePair.body.data.qr, ACCOUNT);
    const paired = await sessionUntil(stack, alice, (data) => data.status === 'paired');
    const bobMeanwhile = await callApi(stack.url, '/session', { token: bob });
    const pairAgain = await callApi(stack.url, '/session/pair', { token: alice, method: 'POST' });
    const lookup = await callApi(
      stack.url,
      '/contacts/profile?jid=5511912345678%40s.whatsapp.net&refresh=true',
      { token: alice },
    );

    // assert: a QR payload each, different, continued (not restarted) by a second call
    expect(alicePair.status).toBe(200);
    expect(alicePair.body.data).toEqual({
      status: 'pairing',
      qr: expect.stringMatching(/^[^,]+,[^,]+,[^,]+,[^,]+/),
      expires_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(bobPair.body.data.status).toBe('pairing');
    expect(bobPair.body.data.qr).not.toBe(alicePair.body.data.qr);
    expect(aliceAgain.body.data.qr).toBe(alicePair.body.data.qr);
    expect(aliceGet.body.data.qr).toBe(alicePair.body.data.qr);
    expect(whatsApp.registrations()).toHaveLength(2);
    // linked: the account's JID and since when; Bob still pairing, his QR his own
    expect(linked.jid).toMatch(/^5511987654321:\d+@s\.whatsapp\.net$/);
    expect(paired.body.data).toEqual({
      status: 'paired',
      jid: '5511987654321@s.whatsapp.net',
      since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(bobMeanwhile.body.data.status).toBe('pairing');
    expect(bobMeanwhile.body.data.qr).toBe(bobPair.body.data.qr);
    expect(pairAgain.body.data).toEqual(paired.body.data);
    // served from WhatsApp on the pairing's own session: the registration and the one restart
    expect(lookup.status).toBe(200);
    expect(lookup.body.data.user_info.Status).toBe('Loopback status');
    expect(whatsApp.connections.filter((c) => c.companion === linked.companion)).toHaveLength(1);
  }, 60_000);

  it('logs a user out while pairing: the attempt ends, the socket closes, the status is unpaired', async () => {
    // prepare: Bob's attempt is under way (from the test above, or a new one)
    const pairing = await callApi(stack.url, '/session/pair', { token: bob, method: 'POST' });
    const bobRegistration = whatsApp
      .registrations()
      .find((record) => record.pairingRefs.some((ref) => pairing.body.data.qr.includes(`${ref},`)));

    // act
    const loggedOut = await callApi(stack.url, '/session', { token: bob, method: 'DELETE' });
    const after = await callApi(stack.url, '/session', { token: bob });
    await whatsApp.waitUntil(() => bobRegistration?.closed === true);

    // assert
    expect(pairing.body.data.status).toBe('pairing');
    expect(loggedOut.status).toBe(200);
    expect(loggedOut.body).toEqual({ success: true, data: { status: 'unpaired' } });
    expect(after.body.data).toEqual({ status: 'unpaired', jid: null, since: null });
    expect(bobRegistration?.closed).toBe(true);
  }, 30_000);

  it('logs a paired user out: the session is unpaired and its cached profiles are gone', async () => {
    // prepare: the profile fetched over the linked session is cached
    const path = '/contacts/profile?jid=5511912345678%40s.whatsapp.net';
    const cachedBefore = await callApi(stack.url, path, { token: alice });

    // act
    const loggedOut = await callApi(stack.url, '/session', { token: alice, method: 'DELETE' });
    const after = await callApi(stack.url, '/session', { token: alice });
    const lookupAfter = await callApi(stack.url, path, { token: alice });

    // assert
    expect(cachedBefore.headers.get('x-cache')).toBe('HIT');
    expect(loggedOut.body).toEqual({ success: true, data: { status: 'unpaired' } });
    expect(after.body.data).toEqual({ status: 'unpaired', jid: null, since: null });
    expect(lookupAfter.headers.get('x-cache')).not.toBe('HIT');
  }, 30_000);

  it('pairs from the session CLI through the same worker path: the CLI prints the QR code, then the link', async () => {
    // prepare: `npm run session -- pair` as an operator runs it, pointed at this stack
    const cli = spawn(
      process.execPath,
      [SESSION_CLI, 'pair', '--tenant', 'acme', '--user', 'carol', '--timeout', '30'],
      { env: { PATH: process.env.PATH, ...stack.environment } },
    );
    let output = '';
    cli.stdout.on('data', (chunk) => {
      output += chunk;
    });
    cli.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => cli.on('close', resolve));

    // act: once the CLI shows its QR code, the phone scans it (read here as GET /session has it)
    await until(() => output.includes('scan this code'));
    const pairing = await sessionUntil(
      stack,
      carol,
      (data) => data.status === 'pairing' && 'qr' in data,
    );
    await whatsApp.scanQr(pairing.body.data.qr, { jid: '5511976543210@s.whatsapp.net' });
    const code = await exited;

    // assert
    expect(output).toContain('scan this code');
    expect(output).toContain('Paired: WhatsApp account 55*********10');
    expect(code).toBe(0);
  }, 60_000);
});

describe('POST /session/pair against a WhatsApp endpoint that never answers', () => {
  const FIRST_CODE_WAIT_MS = 2_500;
  let endpoint: Awaited<ReturnType<typeof startSilentWhatsAppEndpoint>>;
  let stack: LocalStack;
  let token: string;

  beforeAll(async () => {
    endpoint = await startSilentWhatsAppEndpoint();
    ({ stack, token } = await startLocalStackWithToken(
      { WA_WEBSOCKET_URL: endpoint.url, PAIRING_FIRST_CODE_WAIT_MS: String(FIRST_CODE_WAIT_MS) },
      undefined,
      { usagePlan: UNREACHED_USAGE_PLAN },
    ));
  }, 30_000);

  afterAll(async () => {
    await killLocalStack(stack);
    await endpoint?.stop();
  });

  it('opens the WhatsApp Web Noise handshake there and answers 504 within the deadline', async () => {
    // act
    const started = Date.now();
    const response = await callApi(stack.url, '/session/pair', { token, method: 'POST' });
    const tookMs = Date.now() - started;

    // assert: the worker sent WhatsApp Web's intro (WA, version) and a Noise client hello
    expect(endpoint.hellos).toHaveLength(1);
    expect([...(endpoint.hellos[0]?.subarray(0, 4) ?? [])]).toEqual([0x57, 0x41, 6, 3]);
    expect(response.status).toBe(504);
    expect(isErrorEnvelope(response.body, 'UPSTREAM_TIMEOUT')).toBe(true);
    expect(tookMs).toBeGreaterThanOrEqual(FIRST_CODE_WAIT_MS - 100);
    expect(tookMs).toBeLessThan(FIRST_CODE_WAIT_MS + 5_000);
  }, 30_000);
});
