import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  generateThirdPartyNotices,
  NOTICES_FILE,
  renderThirdPartyNotices,
  shippedPackages,
} from '../../../functions/cli/write-third-party-notices.ts';

const REPO = new URL('../../../', import.meta.url).pathname;

describe('write-third-party-notices', () => {
  it('is up to date in docs/third-party-notices.md (run npm run notices)', async () => {
    const committed = await readFile(NOTICES_FILE, 'utf8');

    expect(committed).toBe(await generateThirdPartyNotices());
  });

  it('lists production packages only, nested ones by their own name, once per version', () => {
    const lockfile = {
      packages: {
        '': { version: '0.1.0' },
        'node_modules/baileys': { version: '7.0.0-rc14', license: 'MIT' },
        'node_modules/vitest': { version: '4.1.12', license: 'MIT', dev: true },
        'node_modules/a/node_modules/libsignal': { version: '6.0.0', license: 'GPL-3.0' },
        'node_modules/b/node_modules/libsignal': { version: '6.0.0', license: 'GPL-3.0' },
        'node_modules/@img/sharp-x': { version: '1.0.0', optional: true },
      },
    };

    const packages = shippedPackages(lockfile);

    expect(packages).toEqual([
      { name: '@img/sharp-x', version: '1.0.0', license: 'UNSTATED', optional: true },
      { name: 'baileys', version: '7.0.0-rc14', license: 'MIT', optional: false },
      { name: 'libsignal', version: '6.0.0', license: 'GPL-3.0', optional: false },
    ]);
    expect(renderThirdPartyNotices(packages)).toContain('| libsignal | 6.0.0 | GPL-3.0 | |');
  });

  it('ships the GPL-3.0 libsignal under a project licence that allows it', async () => {
    const manifest = JSON.parse(await readFile(`${REPO}package.json`, 'utf8'));
    const licence = await readFile(`${REPO}LICENSE`, 'utf8');
    const notices = await generateThirdPartyNotices();

    expect(notices).toMatch(/\| libsignal \| [^|]+ \| GPL-3\.0 \|/);
    expect(manifest.license).toBe('GPL-3.0-or-later');
    expect(licence).toContain('GNU GENERAL PUBLIC LICENSE');
    expect(licence).toContain('Version 3, 29 June 2007');
  });
});
