import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../..');
const biome = join(repoRoot, 'node_modules/.bin/biome');

/** [where the probe stands, what it imports, whether the layering allows it] */
const probes: [string, string, boolean][] = [
  ['functions/domain/contact/probe-1.ts', '../../contacts/http/handler.ts', false],
  ['functions/domain/contact/probe-2.ts', '@aws-sdk/client-dynamodb', false],
  ['functions/ports/probe-3.ts', '../adapters/dynamodb-token-store.ts', false],
  ['functions/contacts/probe-4.ts', '../worker/main.ts', false],
  ['functions/contacts/probe-5.ts', '../whatsapp/binary-node.ts', false],
  ['functions/cli/probe-6.ts', '../worker/start-worker.ts', false],
  ['infra/stacks/probe-7.ts', '../../functions/whatsapp/binary-node.ts', false],
  ['infra/stacks/probe-8.ts', '@aws-lambda-powertools/metrics', false],
  ['functions/contacts/probe-9.ts', '../domain/contact/contact-query.ts', true],
  ['functions/whatsapp/probe-10.ts', '../adapters/dynamodb-profile-cache.ts', true],
  ['functions/local/probe-11.ts', '../worker/start-worker.ts', true],
  ['infra/stacks/probe-12.ts', '../../functions/resources/table-definitions.ts', true],
  ['functions/session-api/probe-13.ts', '../contacts/get-profile/get-contact-profile.ts', false],
  ['functions/session-api/probe-14.ts', '../whatsapp/pairing-session.ts', false],
  ['functions/contacts/probe-15.ts', '../session-api/pair-session/start-pairing.ts', false],
  ['functions/api/probe-16.ts', '../session-api/pair-session/start-pairing.ts', false],
  ['functions/cli/probe-17.ts', '../whatsapp/pairing-session.ts', false],
  ['functions/session-api/probe-18.ts', '../adapters/dynamodb-pairing-attempts.ts', true],
  ['functions/session-api/probe-19.ts', '../api/session-bodies.ts', true],
  ['functions/cli/probe-20.ts', '../session-api/pair-session/start-pairing.ts', true],
  [
    'functions/domain/session/probe-21.ts',
    '../../session-api/pair-session/start-pairing.ts',
    false,
  ],
];

let rejected: Set<string>;
let workDir: string;

beforeAll(() => {
  // The probes stand in a copy of the layout with the repository's own Biome settings.
  workDir = mkdtempSync(join(tmpdir(), 'layer-boundaries-'));
  copyFileSync(join(repoRoot, 'biome.json'), join(workDir, 'biome.json'));
  for (const [path, imported] of probes) {
    mkdirSync(dirname(join(workDir, path)), { recursive: true });
    writeFileSync(join(workDir, path), `import { x } from '${imported}';\nexport const y = x;\n`);
  }
  const result = spawnSync(biome, ['lint', '--vcs-enabled=false', '--reporter=json', '.'], {
    cwd: workDir,
    encoding: 'utf8',
  });
  const report = JSON.parse(result.stdout) as {
    diagnostics: { category: string; location: { path: string } }[];
  };
  rejected = new Set(
    report.diagnostics
      .filter((diagnostic) => diagnostic.category === 'lint/style/noRestrictedImports')
      .map((diagnostic) => diagnostic.location.path),
  );
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('layer boundaries (Biome noRestrictedImports)', () => {
  it.each(probes.filter(([, , allowed]) => !allowed))('rejects %s importing %s', (path) => {
    expect(rejected.has(path)).toBe(true);
  });

  it.each(probes.filter(([, , allowed]) => allowed))('accepts %s importing %s', (path) => {
    expect(rejected.has(path)).toBe(false);
  });
});
