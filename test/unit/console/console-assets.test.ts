import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONSOLE_MANIFEST_FILE,
  contentTypeOf,
  readConsoleAssets,
} from '../../../functions/console/console-assets.ts';

describe('console assets', () => {
  let folder: string | undefined;
  afterEach(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('reads the files its manifest lists, by their path under the site', async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'console-assets-'));
    await writeFile(path.join(folder, 'index.html'), '<!doctype html><title>console</title>');
    const files = [
      { path: 'index.html', contentType: contentTypeOf('index.html'), immutable: false },
    ];
    await writeFile(path.join(folder, CONSOLE_MANIFEST_FILE), JSON.stringify({ files }));

    const assets = await readConsoleAssets(folder);

    expect([...assets.keys()]).toEqual(['index.html']);
    expect(assets.get('index.html')).toEqual({
      ...files[0],
      body: '<!doctype html><title>console</title>',
    });
  });

  it('knows the type of each kind of file a build writes, and refuses any other', () => {
    const types = ['a.html', 'a.js', 'a.css', 'a.json'].map(contentTypeOf);

    expect(types).toEqual([
      'text/html; charset=utf-8',
      'text/javascript; charset=utf-8',
      'text/css; charset=utf-8',
      'application/json; charset=utf-8',
    ]);
    expect(() => contentTypeOf('logo.svg')).toThrow('no content type for logo.svg');
  });
});
