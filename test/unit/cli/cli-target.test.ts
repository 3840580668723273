import { afterEach, describe, expect, it, vi } from 'vitest';

const running = vi.hoisted(() => ({
  stack: null as null | { url: string; pid: number; environment: Record<string, string> },
}));
vi.mock('../../../functions/local/local-stack-file.ts', () => ({
  readLocalStackFile: async () => running.stack,
}));
const { resolveCliTarget } = await import('../../../functions/cli/cli-target.ts');

const VARIABLE = 'CLI_TARGET_TEST_TABLE_NAME';

describe('resolveCliTarget', () => {
  afterEach(() => {
    delete process.env[VARIABLE];
    delete process.env.CLI_TARGET_TEST_ENDPOINT;
    running.stack = null;
  });

  it('acts on AWS when the variable is set, whatever runs locally', async () => {
    process.env[VARIABLE] = 'prod-tokens';
    running.stack = { url: 'http://127.0.0.1:3000', pid: 1, environment: {} };

    const target = await resolveCliTarget(VARIABLE);

    expect(target).toBe('aws');
  });

  it("acts on the running local stack otherwise, with that stack's environment", async () => {
    running.stack = {
      url: 'http://127.0.0.1:3000',
      pid: 1,
      environment: {
        [VARIABLE]: 'local-tokens',
        CLI_TARGET_TEST_ENDPOINT: 'http://127.0.0.1:4567',
      },
    };

    const target = await resolveCliTarget(VARIABLE);

    expect(target).toBe('local');
    expect(process.env[VARIABLE]).toBe('local-tokens');
    expect(process.env.CLI_TARGET_TEST_ENDPOINT).toBe('http://127.0.0.1:4567');
  });

  it('says how to start a stack or reach AWS when neither is there', async () => {
    const target = resolveCliTarget(VARIABLE);

    await expect(target).rejects.toThrow(/no local stack is running.*CLI_TARGET_TEST_TABLE_NAME/);
  });
});
