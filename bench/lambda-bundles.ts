import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';

/**
 * The bundling options of infra/constructs/service-function.ts (NodejsFunction, which runs
 * `esbuild --bundle <entry> --target=node24 --platform=node --format=esm --minify
 * --sourcemap=external --main-fields=module,main --banner:js=...`, no externals). That
 * construct does not export its options, so they are repeated here: keep the two in step.
 */
export const SERVICE_FUNCTION_BUNDLING = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  minify: true,
  sourcemap: 'external',
  mainFields: ['module', 'main'],
  external: [],
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
} as const satisfies BuildOptions;

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const BUILD_DIR = path.join(REPO_ROOT, '.bench-build');

export interface LambdaBundle {
  name: string;
  /** The index.mjs a Lambda would load. */
  file: string;
  /** Minified JavaScript only (the external source map is not loaded at run time). */
  kb: number;
  /** Output bytes per package, largest first, for explaining the size. */
  largestInputs: { name: string; kb: number }[];
}

const BENCH_ENTRIES = {
  profile: 'functions/profile/http-handler.ts',
  authorizer: 'functions/authorizer/handler.ts',
  // The baseline of the cold-start measurement: same bundler, no work.
  empty: 'bench/empty-handler.ts',
} as const;

export type BundleName = keyof typeof BENCH_ENTRIES;

function packageOf(inputPath: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(inputPath);
  return match?.[1] ?? '(our code)';
}

function largestInputs(metafile: Metafile): { name: string; kb: number }[] {
  const output = Object.values(metafile.outputs).find((candidate) => candidate.entryPoint);
  const bytes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const name = packageOf(input);
    bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
  }
  return [...bytes]
    .sort((left, right) => right[1] - left[1])
    .slice(0, 6)
    .map(([name, size]) => ({ name, kb: round(size / 1024) }));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Bundles one entry as the CDK stack would. `variant` builds the same entry with extra
 * options (e.g. externalised modules) into its own folder, for comparing proposals.
 */
export async function bundleLambda(
  name: BundleName,
  variant?: { label: string; options: BuildOptions },
): Promise<LambdaBundle> {
  const outputDir = path.join(BUILD_DIR, variant ? `${name}-${variant.label}` : name);
  await mkdir(outputDir, { recursive: true });
  // Lambda names a CommonJS bundle index.js; here .cjs, because package.json says "module".
  const file = path.join(outputDir, variant?.options.format === 'cjs' ? 'index.cjs' : 'index.mjs');
  const result = await build({
    ...SERVICE_FUNCTION_BUNDLING,
    ...variant?.options,
    absWorkingDir: REPO_ROOT,
    entryPoints: [path.join(REPO_ROOT, BENCH_ENTRIES[name])],
    outfile: file,
    metafile: true,
  });
  const { size } = await stat(file);
  return {
    name: variant ? `${name} (${variant.label})` : name,
    file,
    kb: round(size / 1024),
    largestInputs: largestInputs(result.metafile),
  };
}
