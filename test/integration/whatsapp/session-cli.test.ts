import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SessionsTable, startSessionsTable } from '../../support/sessions-table.ts';
import { startLoopbackWhatsAppServer } from './loopback-whatsapp-server.ts';

const CLI = new URL('../../../functions/cli/session-cli.ts', import.meta.url).pathname;
let table: SessionsTable;
let whatsApp: Awaited<ReturnType<typeof startLoopbackWhatsAppServer>>;

beforeAll(async () => {
  [table, whatsApp] = await Promise.all([startSessionsTable(), startLoopbackWhatsAppServer()]);
});
afterAll(async () => {
  await Promise.all([table?.stop(), whatsApp?.stop()]);
});

/** Runs `npm run session -- <args>` the way a user would, against dynalite and the loopback. */
async function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  const endpoint = await table.client.config.endpoint?.();
  const child = spawn(process.execPath, [CLI, ...args], {
    env: {
      PATH: process.env.PATH,
      SESSIONS_TABLE_NAME: table.tableName,
      AWS_ENDPOINT_URL_DYNAMODB: `${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      WA_WEBSOCKET_URL: whatsApp.url,
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, output };
}

describe('session CLI', () => {
  it('pair opens a WhatsApp Web handshake to the configured WebSocket URL', async () => {
    const before = whatsApp.hellos.length;

    const { code, output } = await runCli(['pair', '--tenant', 't', '--user', 'u']);

    expect(whatsApp.hellos.length).toBe(before + 1);
    expect(whatsApp.hellos[before]?.ephemeralKeyLength).toBe(32);
    expect(output).toContain(`Connecting to ${whatsApp.url}`);
    expect(output).toContain('The connection closed before the link finished');
    expect(code).toBe(1);
  });

  it('status reports a session that was never paired', async () => {
    const { code, output } = await runCli(['status', '--tenant', 't', '--user', 'nobody']);

    expect(output).toContain('Session of tenant t, user nobody (aws): unpaired');
    expect(code).toBe(0);
  });

  it('explains the usage when the user is missing', async () => {
    const { code, output } = await runCli(['pair', '--tenant', 't']);

    expect(output).toContain('pair needs --tenant and --user');
    expect(code).toBe(2);
  });
});
