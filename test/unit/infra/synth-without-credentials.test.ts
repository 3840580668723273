import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../infra/repo-paths.ts';

const STACKS = [
  'WaContactProfile-Data',
  'WaContactProfile-Api',
  'WaContactProfile-Worker',
  'WaContactProfile-Observability',
];

/** The environment of a fresh machine: no AWS variables, no ~/.aws, no instance metadata. */
function environmentWithoutCredentials(home: string): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('AWS_') && !name.startsWith('CDK_')) environment[name] = value;
  }
  return {
    ...environment,
    HOME: home,
    AWS_CONFIG_FILE: path.join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

describe('cdk synth', () => {
  it('synthesizes every stack, bundling the functions, with no AWS credentials and no cdk-nag finding', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'synth-home-'));
    const outdir = path.join(home, 'cdk.out');
    const result = spawnSync(
      process.execPath,
      [
        path.join(REPO_ROOT, 'node_modules/aws-cdk/bin/cdk'),
        'synth',
        '--quiet',
        '--output',
        outdir,
      ],
      { cwd: REPO_ROOT, env: environmentWithoutCredentials(home), encoding: 'utf8' },
    );
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output).not.toMatch(/AwsSolutions-/);
    for (const stack of STACKS) {
      expect(existsSync(path.join(outdir, `${stack}.template.json`)), stack).toBe(true);
    }
    // The functions were really bundled by the local esbuild (CommonJS, with a source map).
    const api = JSON.parse(
      readFileSync(path.join(outdir, 'WaContactProfile-Api.assets.json'), 'utf8'),
    ) as {
      files: Record<string, { source: { path: string; packaging: string } }>;
    };
    const bundles = Object.values(api.files).filter((file) => file.source.packaging === 'zip');
    // Authorizer, HTTP profile, direct profile, sweeper, session, console, admin, webhook
    // delivery: one bundle per entry point; the console's also holds its page and assets.
    expect(bundles).toHaveLength(8);
    for (const bundle of bundles) {
      expect(existsSync(path.join(outdir, bundle.source.path, 'index.js'))).toBe(true);
      expect(existsSync(path.join(outdir, bundle.source.path, 'index.js.map'))).toBe(true);
    }
    const consoleBundles = bundles.filter((bundle) =>
      existsSync(path.join(outdir, bundle.source.path, 'console-manifest.json')),
    );
    expect(consoleBundles).toHaveLength(1);
    expect(existsSync(path.join(outdir, consoleBundles[0]?.source.path ?? '', 'index.html'))).toBe(
      true,
    );
  }, 240_000);
});
