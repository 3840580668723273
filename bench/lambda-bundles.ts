import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { SERVICE_FUNCTION_BUNDLING } from '../infra/constructs/service-function-bundling.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');

/**
 * The esbuild options NodejsFunction derives from infra/constructs/service-function-bundling.ts
 * (`esbuild --bundle <entry> --target=node24 --platform=node --format=cjs --minify
 * --sourcemap=external --main-fields=module,main --alias:...`, no externals). Both read the
 * same module, so the bench cannot drift from what CDK deploys.
 */
export const SERVICE_FUNCTION_ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: SERVICE_FUNCTION_BUNDLING.target,
  format: SERVICE_FUNCTION_BUNDLING.format,
  minify: SERVICE_FUNCTION_BUNDLING.minify,
  sourcemap: SERVICE_FUNCTION_BUNDLING.sourceMap,
  mainFields: [...SERVICE_FUNCTION_BUNDLING.mainFields],
  external: [...SERVICE_FUNCTION_BUNDLING.externalModules],
  alias: Object.fromEntries(
    Object.entries(SERVICE_FUNCTION_BUNDLING.alias).map(([module, replacement]) => [
      module,
      path.join(REPO_ROOT, replacement),
    ]),
  ),
  logLevel: 'warning',
} as const satisfies BuildOptions;

export const BUILD_DIR = path.join(REPO_ROOT, '.bench-build');

export interface PackageBytes {
  name: string;
  kb: number;
}

export interface LambdaBundle {
  name: string;
  /** The bundle a Lambda would load (index.cjs here for Lambda's index.js). */
  file: string;
  /** Minified JavaScript only (the external source map is not loaded at run time). */
  kb: number;
  /** Output bytes per package, largest first, for explaining the size. */
  packages: PackageBytes[];
}

/** The npm package a bundled input (or a source-map source) comes from, or our own code. */
export function packageOf(inputPath: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(inputPath);
  return match?.[1] ?? '(our code)';
}

function packageBytes(metafile: Metafile): PackageBytes[] {
  const output = Object.values(metafile.outputs).find((candidate) => candidate.entryPoint);
  const bytes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const name = packageOf(input);
    bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
  }
  return [...bytes]
    .sort((left, right) => right[1] - left[1])
    .map(([name, size]) => ({ name, kb: round(size / 1024) }));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Bundles one entry (a path relative to the repository root) as the CDK stack would. `variant`
 * builds the same entry with extra options (e.g. externalised modules) into its own folder, for
 * comparing proposals.
 */
export async function bundleLambda(
  name: string,
  entry: string,
  variant?: { label: string; options: BuildOptions },
): Promise<LambdaBundle> {
  const outputDir = path.join(BUILD_DIR, variant ? `${name}-${variant.label}` : name);
  await mkdir(outputDir, { recursive: true });
  // Lambda names a CommonJS bundle index.js; here .cjs, because package.json says "module".
  const format = variant?.options.format ?? SERVICE_FUNCTION_ESBUILD_OPTIONS.format;
  const file = path.join(outputDir, format === 'cjs' ? 'index.cjs' : 'index.mjs');
  const result = await build({
    ...SERVICE_FUNCTION_ESBUILD_OPTIONS,
    ...variant?.options,
    absWorkingDir: REPO_ROOT,
    entryPoints: [path.join(REPO_ROOT, entry)],
    outfile: file,
    metafile: true,
  });
  const { size } = await stat(file);
  return {
    name: variant ? `${name} (${variant.label})` : name,
    file,
    kb: round(size / 1024),
    packages: packageBytes(result.metafile),
  };
}
