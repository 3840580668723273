import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, callApi } from '../support/http/api-client.ts';
import { startLoggedDriver } from '../support/security/logged-driver.ts';

/**
 * The QR payload, the pairing code, the phone it is for and the linked account's JID are
 * secrets or personal data. A full pairing (QR code scanned, pairing code asked, logout) through
 * the local stack with every log line on (DEBUG, the handlers and the worker), then: the captured
 * logs hold none of them.
 */

interface Ready {
  url: string;
  tokens: { alice: string; bob: string };
}

const DRIVER = new URL('../support/security/logged-pairing-stack.ts', import.meta.url).pathname;
const ACCOUNT_JID = '5511987654321@s.whatsapp.net';
const PHONE = '+44 7911 123456';
const PHONE_DIGITS = '447911123456';

describe('pairing secrets in logs (local stack, DEBUG logs, WhatsApp stand-in)', () => {
  let driver: Awaited<ReturnType<typeof startLoggedDriver<Ready>>> | undefined;
  let qrPair: ApiResponse;
  let codePair: ApiResponse;
  let paired: ApiResponse;

  beforeAll(async () => {
    driver = await startLoggedDriver<Ready>(DRIVER);
    const { ready } = driver;
    const { alice, bob } = ready.tokens;

    qrPair = await callApi(ready.url, '/session/pair', { token: alice, method: 'POST' });
    await driver.ask({ type: 'scan', qr: qrPair.body.data.qr, jid: ACCOUNT_JID });
    const giveUpAt = Date.now() + 15_000;
    do {
      paired = await callApi(ready.url, '/session', { token: alice });
      if (paired.body?.data?.status === 'paired') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } while (Date.now() < giveUpAt);
    codePair = await callApi(ready.url, '/session/pair', {
      token: bob,
      method: 'POST',
      body: JSON.stringify({ phone: PHONE }),
    });
    await callApi(ready.url, '/session', { token: bob, method: 'DELETE' });
    await callApi(ready.url, '/session', { token: alice, method: 'DELETE' });
  }, 60_000);

  afterAll(async () => {
    await driver?.stop();
  });

  it('pairs by QR code and asks for a pairing code, with DEBUG logs captured', () => {
    const output = driver?.output() ?? '';
    expect(qrPair.body.data.qr).toEqual(expect.any(String));
    expect(paired.body.data.jid).toBe(ACCOUNT_JID);
    expect(codePair.body.data.pairing_code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    // The worker's own lines are in the captured output too.
    expect(output).toContain('pairing attempt ended');
  });

  it('logs no QR payload, nor any key in it', () => {
    const output = driver?.output() ?? '';
    const qr: string = qrPair.body.data.qr;
    const parts = qr
      .slice(qr.indexOf('#') + 1)
      .split(',')
      .slice(0, 4);

    expect(output).not.toContain(qr);
    for (const part of parts) expect(output).not.toContain(part);
  });

  it('logs no pairing code, no phone number and no full JID of the linked account', () => {
    const output = driver?.output() ?? '';
    const code: string = codePair.body.data.pairing_code;

    expect(output).not.toContain(code);
    expect(output).not.toContain(code.replace('-', ''));
    expect(output).not.toContain(PHONE_DIGITS);
    expect(output).not.toContain('5511987654321');
  });
});
