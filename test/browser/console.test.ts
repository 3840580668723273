import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../functions/api/openapi/openapi-document.ts';
import type { LocalStack } from '../../functions/local/local-stack.ts';
import { drawnQrModules, qrModulesOf } from '../support/browser/drawn-qr-code.ts';
import {
  type HeadlessChromium,
  launchHeadlessChromium,
  recordPageProblems,
} from '../support/browser/headless-chromium.ts';
import { callApi } from '../support/http/api-client.ts';
import {
  killLocalStack,
  startLocalStackOnStandIn,
  startLocalStackWithToken,
} from '../support/local-stack/local-stack-with-token.ts';
import {
  startWhatsAppServerStandIn,
  type WhatsAppServerStandIn,
} from '../support/whatsapp/server-stand-in.ts';

const ACCOUNT = { jid: '5511987654321@s.whatsapp.net' };
/** The reference page's example contact. */
const SEED_CONTACT = '5511999999999@s.whatsapp.net';
/** Baileys shows the first QR payload for 60 s, then rotates to the next. */
const QR_ROTATION_WAIT_MS = 75_000;
const QR_CANVAS = '#session-qr-canvas';

/** `npm run screenshots` keeps them in docs/screenshots/; otherwise a temporary folder. */
async function screenshotFolder(): Promise<string> {
  const folder = process.env.CONSOLE_SCREENSHOTS_DIR;
  if (!folder) return mkdtemp(path.join(tmpdir(), 'console-screenshots-'));
  await mkdir(folder, { recursive: true });
  return folder;
}

/** The console in real Chromium against `npm start`'s stack, its worker on the WhatsApp stand-in. */
describe('the web console (headless Chromium, local stack, WhatsApp stand-in)', () => {
  let whatsApp: WhatsAppServerStandIn;
  let stack: LocalStack;
  let token: string;
  let chromium: HeadlessChromium;
  let page: Page;
  let problems: string[];
  let screenshots: string;
  const screenshot = (name: string, fullPage = false) =>
    page.screenshot({ path: path.join(screenshots, `console-${name}.png`), fullPage });

  beforeAll(async () => {
    whatsApp = await startWhatsAppServerStandIn();
    ({ stack, token } = await startLocalStackOnStandIn(whatsApp));
    chromium = await launchHeadlessChromium();
    page = await chromium.context.newPage();
    problems = recordPageProblems(page);
    screenshots = await screenshotFolder();
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
    await killLocalStack(stack);
    await whatsApp?.stop();
  });

  it('shows the API’s own error message for a bad token, and keeps nothing', async () => {
    // prepare
    const badToken = '00000000-0000-4000-8000-000000000000';
    const expected = await callApi(stack.url, '/session', { token: badToken });
    await page.goto(`${stack.url}/`);

    // act
    await page.getByLabel('API token').fill(badToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.locator('#sign-in-alert');
    await alert.waitFor({ state: 'visible' });
    await screenshot('sign-in-error');

    // assert
    expect(expected.status).toBe(401);
    expect(await alert.textContent()).toBe(`Sign-in failed: ${expected.body.error} (UNAUTHORIZED)`);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(page.url()).toBe(`${stack.url}/`);
    expect(problems).toEqual([]);
  });

  it('signs in and shows the session unpaired, the token in session storage only', async () => {
    // act
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#session-status[data-status="unpaired"]').waitFor();
    await screenshot('unpaired');

    // assert
    expect(await page.locator('#session-status').textContent()).toBe('unpaired');
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([token]);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(page.url()).not.toContain(token);
    expect((await chromium.context.cookies()).length).toBe(0);
  });

  it('pairs by QR code: draws the current code, redraws it when it rotates, then shows paired', async () => {
    // act: start pairing; the first code is drawn
    await page.getByRole('button', { name: 'Pair by QR code' }).click();
    await page.locator(`${QR_CANVAS}[data-drawings="1"]`).waitFor();
    const first = await callApi(stack.url, '/session', { token });
    const firstDrawn = await drawnQrModules(page, QR_CANVAS);
    await screenshot('pairing-qr');
    // the next code, once Baileys rotates, is drawn in its place
    await page.locator(`${QR_CANVAS}[data-drawings="2"]`).waitFor({ timeout: QR_ROTATION_WAIT_MS });
    const second = await callApi(stack.url, '/session', { token });
    const secondDrawn = await drawnQrModules(page, QR_CANVAS);
    // the phone scans the code on the screen
    await whatsApp.scanQr(second.body.data.qr, ACCOUNT);
    await page.locator('#session-status[data-status="paired"]').waitFor({ timeout: 20_000 });
    await screenshot('paired');

    // assert: each drawing is exactly the QR payload GET /session held at the time
    expect(first.body.data.status).toBe('pairing');
    expect(firstDrawn).toEqual(qrModulesOf(first.body.data.qr));
    expect(second.body.data.qr).not.toBe(first.body.data.qr);
    expect(secondDrawn).toEqual(qrModulesOf(second.body.data.qr));
    expect(secondDrawn).not.toEqual(firstDrawn);
    expect(await page.locator('#session-qr').isHidden()).toBe(true);
    expect(await page.locator('#session-account').textContent()).toContain(
      'WhatsApp account 5511987654321@s.whatsapp.net',
    );
    expect(problems).toEqual([]);
  }, 120_000);

  it('looks the seed contact up and shows its status text', async () => {
    // prepare
    const expected = await callApi(
      stack.url,
      `/contacts/profile?jid=${encodeURIComponent(SEED_CONTACT)}`,
      { token },
    );

    // act
    await page.getByRole('button', { name: 'Look up a contact' }).click();
    await page.getByLabel('Phone number or JID').fill(SEED_CONTACT);
    await page.getByRole('button', { name: 'Look up', exact: true }).click();
    await page.locator('#lookup-status').waitFor();
    await screenshot('lookup', true);

    // assert
    expect(expected.status).toBe(200);
    expect(await page.locator('#lookup-jid').textContent()).toBe(SEED_CONTACT);
    expect(await page.locator('#lookup-status').textContent()).toBe(
      expected.body.data.user_info.Status,
    );
    expect(expected.body.data.user_info.Status).toBe('Loopback status');
    expect(problems).toEqual([]);
  }, 30_000);

  it('renders the API reference from the OpenAPI document, every operation in it', async () => {
    // act
    await page.getByRole('button', { name: 'API reference' }).click();
    await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 20_000 });
    await screenshot('api-reference');
    const operations = await page.locator('.swagger-ui .opblock').count();

    // assert
    const documented = Object.values(buildOpenApiDocument().paths).flatMap((path) =>
      Object.keys(path),
    );
    expect(documented.length).toBeGreaterThan(6);
    expect(operations).toBe(documented.length);
    expect(await page.locator('.swagger-ui .servers').textContent()).toContain(stack.url);
    expect(problems).toEqual([]);
  }, 30_000);

  it('logs the WhatsApp session out from the session panel', async () => {
    // act
    await page.getByRole('button', { name: 'Session', exact: true }).click();
    await page.getByRole('button', { name: 'Log out of WhatsApp' }).click();
    await page.locator('#session-status[data-status="unpaired"]').waitFor();
    const after = await callApi(stack.url, '/session', { token });

    // assert
    expect(after.body.data.status).toBe('unpaired');
    expect(await page.getByRole('button', { name: 'Pair by QR code' }).isEnabled()).toBe(true);
    expect(problems).toEqual([]);
  }, 30_000);
  it('pairs by phone code: shows the code WhatsApp is to be given on that phone', async () => {
    // act
    await page.getByLabel('Or pair by code sent to phone number').fill('+55 11 98765-4321');
    await page.getByRole('button', { name: 'Get a pairing code' }).click();
    const code = page.locator('#session-code');
    await code.waitFor({ state: 'visible', timeout: 20_000 });
    const session = await callApi(stack.url, '/session', { token });
    await screenshot('pairing-code');

    // assert
    expect(session.body.data.status).toBe('pairing');
    expect(await code.textContent()).toBe(session.body.data.pairing_code);
    expect(session.body.data.pairing_code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(await page.locator('#session-qr').isHidden()).toBe(true);
    expect(problems).toEqual([]);
  }, 30_000);
});

/** The same console against `npm start`'s default: the offline directory, no WhatsApp. */
describe('the web console against the offline directory (headless Chromium)', () => {
  let stack: LocalStack;
  let token: string;
  let chromium: HeadlessChromium;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ({ stack, token } = await startLocalStackWithToken());
    chromium = await launchHeadlessChromium();
    page = await chromium.context.newPage();
    problems = recordPageProblems(page);
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
    await stack?.stop();
  });

  it('looks a business up by number: verified name, business profile and its picture', async () => {
    // prepare
    const expected = await callApi(stack.url, '/contacts/profile?number=%2B14155550123', {
      token,
    });
    const picture = await callApi(stack.url, '/contacts/profile-picture?number=%2B14155550123', {
      token,
    });
    await page.goto(`${stack.url}/`);
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Look up a contact' }).click();

    // act
    await page.getByLabel('Phone number or JID').fill('+1 415 555 0123');
    await page.getByRole('button', { name: 'Look up', exact: true }).click();
    await page.locator('#lookup-business-heading').waitFor();
    const folder = process.env.CONSOLE_SCREENSHOTS_DIR;
    if (folder) {
      await page.screenshot({
        path: path.join(folder, 'console-lookup-business.png'),
        fullPage: true,
      });
    }

    // assert: what the API answered, shown readably
    const { user_info: info, business_profile: business } = expected.body.data;
    const text = (await page.locator('#lookup-result').textContent()) ?? '';
    expect(await page.locator('#lookup-jid').textContent()).toBe(expected.body.data.jid);
    expect(await page.locator('#lookup-status').textContent()).toBe(info.Status);
    expect(text).toContain(info.VerifiedName.Details.verifiedName);
    expect(text).toContain(business.Address);
    expect(text).toContain(business.Categories[0].Name);
    expect(await page.locator('#lookup-picture').getAttribute('src')).toBe(
      picture.body.data.picture.url,
    );
    expect(problems).toEqual([]);
  }, 30_000);
});
