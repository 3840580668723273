import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EnvelopeCredentialCipher } from '../../../functions/adapters/envelope-credential-cipher.ts';
import { LOCAL_KEY_SCHEME } from '../../../functions/resources/auth-state-encryption-context.ts';

/**
 * One local credentials key for the whole test run, in a file, so that what a test stores
 * through `testCredentialCipher` opens in a worker it starts with `TEST_CREDENTIALS_KEY`, and
 * the other way round: the real cipher, with a local key instead of KMS.
 */
const KEY_FILE = path.join(tmpdir(), 'wa-contact-profile-tests', 'credentials.key');

function ensureKeyFile(): Buffer {
  mkdirSync(path.dirname(KEY_FILE), { recursive: true, mode: 0o700 });
  // Written whole under another name, then linked into place: a reader never sees half a key.
  const draft = `${KEY_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, randomBytes(32), { mode: 0o600 });
  try {
    linkSync(draft, KEY_FILE);
  } catch (error) {
    // Another test file made it first: use that one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  return readFileSync(KEY_FILE);
}

const key = ensureKeyFile();

/** `CREDENTIALS_KEY` for a worker started by a test. */
export const TEST_CREDENTIALS_KEY = `${LOCAL_KEY_SCHEME}${KEY_FILE}`;

export const testCredentialCipher = EnvelopeCredentialCipher.withLocalKey(key);
