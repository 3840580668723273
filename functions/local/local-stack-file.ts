import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * Git-ignored folder of the local stack: persisted DynamoDB and the running stack's address.
 * `LOCAL_STACK_DIR` moves it (tests run a stack in a temporary folder); `.local` otherwise.
 */
export const LOCAL_DIR = process.env.LOCAL_STACK_DIR
  ? resolve(process.env.LOCAL_STACK_DIR)
  : join(new URL('../..', import.meta.url).pathname, '.local');
export const LOCAL_DYNAMODB_DIR = join(LOCAL_DIR, 'dynamodb');
const STACK_FILE = join(LOCAL_DIR, 'stack.json');
/** Held from the first moment of `npm start` to its end: one stack per folder. */
const CLAIM_FILE = join(LOCAL_DIR, 'stack.pid');
/** What `npm start` runs; a live process id whose command line lacks it is a reused id. */
const STACK_ENTRY_POINT = 'start-local-stack';

/** What another terminal needs to reach a running `npm start`: its environment and URL. */
export interface LocalStackFile {
  url: string;
  pid: number;
  environment: Record<string, string>;
}

export async function writeLocalStackFile(content: LocalStackFile): Promise<void> {
  await mkdir(dirname(STACK_FILE), { recursive: true });
  await writeFile(STACK_FILE, `${JSON.stringify(content, null, 2)}\n`);
}

/** Removes the file, unless it now describes another process's stack. */
export async function removeLocalStackFile(): Promise<void> {
  const current = await readStackFile();
  if (current && current.pid !== process.pid) return;
  await rm(STACK_FILE, { force: true });
}

/**
 * The running local stack, or null when none runs: no file, or a stale one whose process is
 * gone (a stack killed without its Ctrl-C clean-up).
 */
export async function readLocalStackFile(): Promise<LocalStackFile | null> {
  const content = await readStackFile();
  if (!content || !isLocalStackProcess(content.pid)) return null;
  return content;
}

/** Another stack holding this folder: its process id, and its URL once it is serving. */
export interface RunningLocalStack {
  pid: number;
  url: string | undefined;
}

/**
 * Claims the folder for this process, or returns the live stack that holds it. A claim left by
 * a process that is gone (killed, crashed) is taken over. Exclusive creation makes two stacks
 * starting at the same moment agree on one winner.
 */
export async function claimLocalStackFolder(): Promise<RunningLocalStack | null> {
  await mkdir(LOCAL_DIR, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(CLAIM_FILE, `${process.pid}\n`, { flag: 'wx' });
      return null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number((await readFile(CLAIM_FILE, 'utf8').catch(() => '')).trim());
    if (isLocalStackProcess(pid)) {
      const stack = await readStackFile();
      return { pid, url: stack?.pid === pid ? stack.url : undefined };
    }
    // Stale: the process that wrote it is gone. Remove it and try again.
    await rm(CLAIM_FILE, { force: true });
  }
  throw new Error(`could not claim ${LOCAL_DIR} for the local stack`);
}

/** Gives the folder up (only when this process holds it). */
export async function releaseLocalStackFolder(): Promise<void> {
  const pid = Number((await readFile(CLAIM_FILE, 'utf8').catch(() => '')).trim());
  if (pid === process.pid) await rm(CLAIM_FILE, { force: true });
}

async function readStackFile(): Promise<LocalStackFile | null> {
  try {
    return JSON.parse(await readFile(STACK_FILE, 'utf8')) as LocalStackFile;
  } catch {
    return null;
  }
}

function isLocalStackProcess(pid: unknown): boolean {
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // Linux: after a reboot the id may belong to something else entirely.
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(STACK_ENTRY_POINT);
  } catch {
    return true; // no /proc (macOS): trust the live id
  }
}
