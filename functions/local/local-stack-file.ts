import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Git-ignored folder of the local stack: persisted DynamoDB and the running stack's address. */
export const LOCAL_DIR = join(new URL('../..', import.meta.url).pathname, '.local');
export const LOCAL_DYNAMODB_DIR = join(LOCAL_DIR, 'dynamodb');
const STACK_FILE = join(LOCAL_DIR, 'stack.json');

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

export async function removeLocalStackFile(): Promise<void> {
  await rm(STACK_FILE, { force: true });
}

/** The running local stack, or null when none runs (no file, or its process is gone). */
export async function readLocalStackFile(): Promise<LocalStackFile | null> {
  let content: LocalStackFile;
  try {
    content = JSON.parse(await readFile(STACK_FILE, 'utf8')) as LocalStackFile;
  } catch {
    return null;
  }
  try {
    process.kill(content.pid, 0);
  } catch {
    return null;
  }
  return content;
}
