import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const START_LOCAL_STACK = new URL('../../../functions/local/start-local-stack.ts', import.meta.url)
  .pathname;
const READY_TIMEOUT_MS = 60_000;

interface StartedProcess {
  child: ChildProcess;
  output: () => string;
}

const started: ChildProcess[] = [];
const folders: string[] = [];

/** `npm start` in a folder of its own (LOCAL_STACK_DIR) on a free port. */
function startLocalStack(localDir: string): StartedProcess {
  const child = spawn(process.execPath, [START_LOCAL_STACK], {
    env: { ...process.env, LOCAL_STACK_DIR: localDir, PORT: '0', LOG_LEVEL: 'SILENT' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output };
}

async function untilReady(stack: StartedProcess): Promise<string> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const match = /Local stack ready: (http:\/\/127\.0\.0\.1:\d+)/.exec(stack.output());
    if (match?.[1]) return match[1];
    if (stack.child.exitCode !== null) throw new Error(`exited early:\n${stack.output()}`);
    if (Date.now() > deadline) throw new Error(`not ready in time:\n${stack.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stop(stack: StartedProcess): Promise<void> {
  if (stack.child.exitCode !== null || stack.child.signalCode !== null) return;
  const exited = once(stack.child, 'exit');
  stack.child.kill('SIGTERM');
  await exited;
}

async function newLocalDir(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'local-stack-'));
  folders.push(folder);
  return folder;
}

afterEach(async () => {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  }
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe('npm start', () => {
  it('refuses plainly, with the running stack’s URL and pid, when one already runs in the folder', async () => {
    const localDir = await newLocalDir();
    const first = startLocalStack(localDir);
    const url = await untilReady(first);

    const second = startLocalStack(localDir);
    const [exitCode] = (await once(second.child, 'exit')) as [number | null];
    const firstStillServes = await fetch(`${url}/contacts/profile`).then((r) => r.status);
    await stop(first);

    expect(exitCode).toBe(1);
    expect(second.output()).toContain(
      `A local stack is already running in this folder at ${url} (pid ${first.child.pid}); stop it first`,
    );
    expect(second.output()).not.toMatch(/^\s+at /m);
    expect(second.output()).not.toContain('Database is closed');
    expect(firstStillServes).toBe(401);
    // What persists: the data, and the keys its credentials and webhook secrets are sealed
    // with; no claim or stack file.
    expect((await readdir(localDir)).sort()).toEqual([
      'credentials.key',
      'dynamodb',
      'webhook-secret.key',
    ]);
  }, 120_000);

  it('starts over a stack file left by a process that is gone', async () => {
    const localDir = await newLocalDir();
    const gone = spawn(process.execPath, ['-e', '']);
    await once(gone, 'exit');
    const stale = { url: 'http://127.0.0.1:9', pid: gone.pid, environment: {} };
    await writeFile(join(localDir, 'stack.json'), JSON.stringify(stale));
    await writeFile(join(localDir, 'stack.pid'), `${gone.pid}\n`);

    const stack = startLocalStack(localDir);
    const url = await untilReady(stack);
    await stop(stack);

    expect(url).not.toBe(stale.url);
    expect(stack.child.exitCode).toBe(0);
  }, 120_000);
});
