import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../../functions/local/local-stack.ts';
import {
  crashWorkerAndExpireLease,
  killLocalStack,
  startLocalStackWithToken,
} from '../../support/local-stack-with-token.ts';

const CLI = new URL('../../../functions/cli/session-cli.ts', import.meta.url).pathname;
let stack: LocalStack;

beforeAll(async () => {
  ({ stack } = await startLocalStackWithToken({
    PAIRING_FIRST_CODE_WAIT_MS: '1000',
    SESSION_COMMAND_DEADLINE_MS: '2000',
    // Nothing listens there: a worker that opens a pairing socket is refused at once.
    WA_WEBSOCKET_URL: 'ws://127.0.0.1:9/ws/chat',
  }));
});
afterAll(async () => {
  await killLocalStack(stack);
});

/**
 * Runs `npm run session -- <args>` the way an operator would on AWS: the stack's table and
 * queue names and endpoints in the environment (here the local stack's).
 */
async function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH, ...stack.environment },
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
  it('status reports a session that was never paired', async () => {
    const { code, output } = await runCli(['status', '--tenant', 't', '--user', 'nobody']);

    expect(output).toContain('Session of tenant t, user nobody (aws): unpaired');
    expect(code).toBe(0);
  });

  it('pair asks the worker through the pairing use case and says when WhatsApp cannot be reached', async () => {
    const { code, output } = await runCli([
      'pair',
      '--tenant',
      't',
      '--user',
      'u',
      '--timeout',
      '3',
    ]);

    expect(output).toContain('Pairing a WhatsApp account with the session of tenant t, user u');
    // The worker's connection is refused: it ends the attempt, and the CLI says so.
    expect(output).toContain('WhatsApp could not be reached to pair');
    expect(code).toBe(1);
  });

  it('explains the usage when the user is missing', async () => {
    const { code, output } = await runCli(['pair', '--tenant', 't']);

    expect(output).toContain('pair needs --tenant and --user');
    expect(code).toBe(2);
  });

  describe('when no worker holds the session’s shard', () => {
    beforeAll(async () => {
      await crashWorkerAndExpireLease(stack);
    });

    it('pair says that no worker serves the session', async () => {
      const { code, output } = await runCli(['pair', '--tenant', 't', '--user', 'v']);

      expect(output).toContain(
        'session: no session worker is serving this session right now; retry shortly',
      );
      expect(code).toBe(1);
    });

    it('logout says that no worker serves the session', async () => {
      const { code, output } = await runCli(['logout', '--tenant', 't', '--user', 'v']);

      expect(output).toContain('session: no session worker is serving this session right now');
      expect(code).toBe(1);
    });
  });
});
