import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localCredentialsKey } from '../../../functions/local/local-credentials-key.ts';
import { LOCAL_KEY_SCHEME } from '../../../functions/resources/auth-state-encryption-context.ts';

describe('localCredentialsKey', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'local-credentials-key-test-'));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('creates a 32-byte key only its owner may read, beside the data folder, and names it', async () => {
    // prepare
    const dataFolder = path.join(folder, 'dynamodb');

    // act
    const setting = await localCredentialsKey(dataFolder);

    // assert
    const file = path.join(folder, 'credentials.key');
    expect(setting).toBe(`${LOCAL_KEY_SCHEME}${file}`);
    expect((await readFile(file)).byteLength).toBe(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('keeps the key of an earlier run, so the stored credentials stay readable', async () => {
    // prepare
    const dataFolder = path.join(folder, 'dynamodb');
    await localCredentialsKey(dataFolder);
    const first = await readFile(path.join(folder, 'credentials.key'));

    // act
    await localCredentialsKey(dataFolder);

    // assert
    expect(await readFile(path.join(folder, 'credentials.key'))).toEqual(first);
  });

  it('refuses a key file of the wrong size rather than replacing it', async () => {
    // prepare
    await writeFile(path.join(folder, 'credentials.key'), 'short');

    // act
    const act = localCredentialsKey(path.join(folder, 'dynamodb'));

    // assert
    await expect(act).rejects.toThrow(/is not a 32-byte key; delete it and the local data/);
  });

  it('makes a fresh key in a temporary folder when the stack keeps no data', async () => {
    // act
    const first = await localCredentialsKey();
    const second = await localCredentialsKey();

    // assert
    expect(first.startsWith(LOCAL_KEY_SCHEME)).toBe(true);
    expect(first).not.toBe(second);
    await rm(path.dirname(first.slice(LOCAL_KEY_SCHEME.length)), { recursive: true, force: true });
    await rm(path.dirname(second.slice(LOCAL_KEY_SCHEME.length)), { recursive: true, force: true });
  });
});
