import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium package (`apt-get install chromium`, as .ci/run does); never a download. */
export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_EXECUTABLE ?? '/usr/bin/chromium';

/** Headless, sandbox off (CI runs as root), nothing that talks to Google's servers on its own. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface HeadlessChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A real Chromium with a fresh profile (its own user-data folder, removed on close). */
export async function launchHeadlessChromium(): Promise<HeadlessChromium> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'console-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_EXECUTABLE,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1200, height: 860 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Chromium's console line for any non-2xx answer, which the console itself shows the user. */
const HTTP_ERROR_STATUS = /^Failed to load resource: the server responded with a status of \d+/;

/**
 * What a page complained about: console errors (Chromium reports every Content-Security-Policy
 * violation there), uncaught exceptions and CSP violation events. Left out: API answers with an
 * error status (the console shows their envelope; tests assert on that) and failed loads of
 * WhatsApp's picture host (tests have no route to it, users do).
 */
export function recordPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (message.location().url.startsWith('https://pps.whatsapp.net/')) return;
    if (HTTP_ERROR_STATUS.test(message.text())) return;
    problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  // Runs in the page before its own scripts (as text: this program has no DOM types).
  void page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => {
      console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI);
    });`,
  });
  return problems;
}
