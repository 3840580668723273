import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCAL_KEY_SCHEME } from '../resources/auth-state-encryption-context.ts';

const KEY_BYTES = 32;

/**
 * The local stack's stand-in for the credentials KMS key: 32 random bytes in a file only this
 * user may read. Kept beside persisted DynamoDB data (credentials stored by one `npm start` must
 * open in the next), in a temporary folder otherwise. Returns the worker's `CREDENTIALS_KEY`.
 */
export async function localCredentialsKey(besideDirectory?: string): Promise<string> {
  const directory = besideDirectory
    ? path.dirname(path.resolve(besideDirectory))
    : await mkdtemp(path.join(tmpdir(), 'wa-local-credentials-'));
  const file = path.join(directory, 'credentials.key');
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
  return `${LOCAL_KEY_SCHEME}${file}`;
}
