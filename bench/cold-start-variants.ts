import { execFile } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BuildOptions, Plugin } from 'esbuild';
import { REPO_ROOT } from './lambda-bundles.ts';

/**
 * Cold-start levers, each measured as a variant of the deployed bundles (full run and `--cold`):
 * the same entry built or started one way differently, paired against the empty handler like
 * the deployed bundle. A lever that was kept appears as its reversal (`…-before`), so the table
 * always shows what the kept change is worth.
 */
export interface ColdStartVariant {
  label: string;
  /** esbuild options over the construct's (bench/lambda-bundles.ts). */
  options?: BuildOptions;
  /** The process environment over the function's (e.g. NODE_OPTIONS). */
  environment?: Record<string, string>;
  /** The functions it applies to (default: those run-bench.ts measures variants on). */
  functions?: string[];
  /** Fill Node's compile cache from the built bundle, then start with NODE_COMPILE_CACHE. */
  compileCache?: boolean;
}

/** Builds a project module from another file: how a variant takes a kept change back. */
function replaceModule(original: string, replacement: string): Plugin {
  const target = path.join(REPO_ROOT, original);
  return {
    name: `replace ${original}`,
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path !== target) return undefined;
        return {
          contents: await readFile(path.join(REPO_ROOT, replacement), 'utf8'),
          loader: 'ts',
          resolveDir: path.dirname(target),
        };
      });
    },
  };
}

export const COLD_START_VARIANTS: ColdStartVariant[] = [
  // The SQS client created at start, as before, rather than on the first cache miss.
  {
    label: 'eager-sqs-before',
    functions: ['profile-http'],
    options: {
      plugins: [
        replaceModule(
          'functions/contacts/http/handler.ts',
          'bench/variants/contacts-http-handler-before.ts',
        ),
      ],
    },
  },
  // The nodejs24.x runtime provides @aws-sdk/* v3; NodejsFunction's default externalises it.
  { label: 'sdk-external', options: { external: ['@aws-sdk/*'] } },
  // Without NODE_OPTIONS=--enable-source-maps: on bundles that name no source map it maps nothing.
  { label: 'no-source-maps-flag', environment: { NODE_OPTIONS: '' } },
  // Readable stack traces without Node's source-map support: function and class names kept.
  { label: 'keep-names', options: { keepNames: true }, environment: { NODE_OPTIONS: '' } },
  // What readable stack traces through Node's source-map support would cost: a linked map.
  {
    label: 'linked-sourcemap',
    options: { sourcemap: 'linked' },
    environment: { NODE_OPTIONS: '--enable-source-maps' },
  },
  // Node's compile cache (V8 code cache) filled at build time and shipped beside the bundle.
  { label: 'compile-cache', compileCache: true },
  // The SDK clients as before: every setting resolved lazily by the SDK on the first request.
  {
    label: 'sdk-resolution-before',
    options: {
      plugins: [
        replaceModule('functions/platform/aws-clients.ts', 'bench/variants/aws-clients-before.ts'),
      ],
    },
  },
];

/**
 * Fills a compile-cache directory beside the bundle by loading it once (module evaluation,
 * configuration and clients; no request), as a build step would with the function's variables.
 */
export async function fillCompileCache(
  bundleFile: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const directory = path.join(path.dirname(bundleFile), 'compile-cache');
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });
  await promisify(execFile)(
    process.execPath,
    [
      '-e',
      'try { require(process.argv[1]); } catch {} require("node:module").flushCompileCache();',
      bundleFile,
    ],
    { env: { ...env, NODE_COMPILE_CACHE: directory, NODE_OPTIONS: '' } },
  );
  return directory;
}
