import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, readFile } from 'node:fs/promises';
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
  // Every client created at start, as before: the SQS client (and the worker client) even when
  // the cache answers, the session events' client even when no event is sent.
  {
    label: 'clients-at-start-before',
    functions: ['profile-http', 'profile-direct', 'session-http'],
    options: {
      plugins: [
        replaceModule(
          'functions/platform/on-first-use.ts',
          'bench/variants/on-first-use-before.ts',
        ),
      ],
    },
  },
  // The same schemas on zod's classic API, as the contacts and session functions had them.
  {
    label: 'zod-classic-before',
    functions: ['profile-http', 'profile-direct', 'session-http'],
    options: {
      plugins: [
        replaceModule(
          'functions/domain/validation/zod-mini.ts',
          'bench/variants/zod-classic-before.ts',
        ),
      ],
    },
  },
  // The nodejs24.x runtime provides @aws-sdk/* v3; NodejsFunction's default externalises it.
  { label: 'sdk-external', options: { external: ['@aws-sdk/*'] } },
  // NODE_OPTIONS=--enable-source-maps, as every function had it: the bundles name no map.
  { label: 'source-maps-flag-before', environment: { NODE_OPTIONS: '--enable-source-maps' } },
  // Readable stack traces without Node's source-map support: function and class names kept.
  { label: 'keep-names', options: { keepNames: true } },
  // What readable stack traces through Node's source-map support would cost: a linked map.
  {
    label: 'linked-sourcemap',
    options: { sourcemap: 'linked' },
    environment: { NODE_OPTIONS: '--enable-source-maps' },
  },
  // Node's compile cache (V8 code cache) filled at build time and shipped beside the bundle,
  // read-only as /var/task is (so the probe's own modules are never cached into it).
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
  // Read-only from now on, like a deployment package: nothing the probes compile is added.
  for (const entry of await readdir(directory, { recursive: true })) {
    await chmod(path.join(directory, entry), 0o555);
  }
  await chmod(directory, 0o555);
  return directory;
}
