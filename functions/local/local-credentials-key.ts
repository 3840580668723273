import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCAL_KEY_SCHEME } from '../resources/auth-state-encryption-context.ts';

const KEY_BYTES = 32;

/**
 * A 32-byte random key in a file only this user may read, made on first use: kept beside
 * persisted DynamoDB data (what one `npm start` sealed must open in the next), in a temporary
 * folder otherwise. Returns the file's path.
 */
export async function localKeyFile(name: string, besideDirectory?: string): Promise<string> {
  const directory = besideDirectory
    ? path.dirname(path.resolve(besideDirectory))
    : await mkdtemp(path.join(tmpdir(), 'wa-local-keys-'));
  const file = path.join(directory, name);
  await mkdir(directory, { recursive: true });
  try {
    await writeFile(file, randomBytes(KEY_BYTES), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = await readFile(file);
    if (existing.byteLength !== KEY_BYTES) {
      throw new Error(`${file} is not a ${KEY_BYTES}-byte key; delete it and the local data`);
    }
  }
  return file;
}

/** The local stack's stand-in for the credentials KMS key: the worker's `CREDENTIALS_KEY`. */
export async function localCredentialsKey(besideDirectory?: string): Promise<string> {
  return `${LOCAL_KEY_SCHEME}${await localKeyFile('credentials.key', besideDirectory)}`;
}

/** The local stand-in for the webhook secret KMS key: `LOCAL_SECRET_KEY` (hex). */
export async function localWebhookSecretKey(besideDirectory?: string): Promise<string> {
  const file = await localKeyFile('webhook-secret.key', besideDirectory);
  return (await readFile(file)).toString('hex');
}
