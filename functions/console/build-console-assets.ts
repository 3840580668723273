import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';
import {
  CONSOLE_MANIFEST_FILE,
  type ConsoleAsset,
  type ConsoleAssets,
  type ConsoleManifest,
  consoleAssetMap,
  contentTypeOf,
} from './console-assets.ts';

const BROWSER_DIR = new URL('./browser/', import.meta.url).pathname;
const OPENAPI_FILE = new URL('../../docs/openapi.json', import.meta.url).pathname;

/**
 * Builds the console from its sources and npm packages (esbuild; nothing from a CDN): the page,
 * its script as ES modules (Swagger UI split into a chunk loaded when the reference is opened),
 * its stylesheets, and the OpenAPI document. Names carry content hashes, so the page is the only
 * file a browser must revalidate.
 */
export async function buildConsoleAssets(): Promise<ConsoleAsset[]> {
  const result = await esbuild.build({
    entryPoints: {
      console: path.join(BROWSER_DIR, 'main.ts'),
      'console-style': path.join(BROWSER_DIR, 'console.css'),
      reference: path.join(BROWSER_DIR, 'reference.css'),
    },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120', 'firefox120', 'safari17'],
    minify: true,
    legalComments: 'eof',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    outdir: '/console',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // The API reference's stylesheet carries its icons as inline SVG (img-src data:).
    loader: { '.svg': 'dataurl', '.png': 'dataurl' },
  });
  /** The hashed name esbuild gave the output of an entry point (`main.ts` → `console-….js`). */
  const outputOf = (source: string, extension: string) => {
    const file = Object.keys(result.metafile.outputs).find(
      (output) =>
        output.endsWith(extension) && result.metafile.outputs[output]?.entryPoint?.endsWith(source),
    );
    if (!file) throw new Error(`the console build wrote no ${extension} for ${source}`);
    return path.basename(file);
  };
  const files: ConsoleAsset[] = result.outputFiles.map((file) => ({
    path: `console/${path.basename(file.path)}`,
    contentType: contentTypeOf(file.path),
    body: file.text,
    immutable: true,
  }));
  const page = (await readFile(path.join(BROWSER_DIR, 'index.html'), 'utf8'))
    .replace('%CONSOLE_JS%', outputOf('main.ts', '.js'))
    .replace('%CONSOLE_CSS%', outputOf('console.css', '.css'))
    .replace('%REFERENCE_CSS%', outputOf('reference.css', '.css'));
  return [
    { path: 'index.html', contentType: contentTypeOf('index.html'), body: page, immutable: false },
    ...files,
    {
      path: 'console/openapi.json',
      contentType: contentTypeOf('openapi.json'),
      body: await readFile(OPENAPI_FILE, 'utf8'),
      immutable: false,
    },
  ];
}

let fromSources: Promise<ConsoleAssets> | undefined;

/** The console built from its sources, once per process (the local stack serves it so). */
export function consoleAssetsFromSources(): Promise<ConsoleAssets> {
  fromSources ??= buildConsoleAssets().then(consoleAssetMap);
  return fromSources;
}

/** Writes a build to `directory` with its manifest (the console Lambda's bundle folder). */
export async function writeConsoleAssets(directory: string): Promise<void> {
  const files = await buildConsoleAssets();
  for (const file of files) {
    await mkdir(path.dirname(path.join(directory, file.path)), { recursive: true });
    await writeFile(path.join(directory, file.path), file.body);
  }
  const manifest: ConsoleManifest = {
    files: files.map(({ body: _body, ...described }) => described),
  };
  await writeFile(path.join(directory, CONSOLE_MANIFEST_FILE), JSON.stringify(manifest));
}

if (import.meta.main) {
  const directory = process.argv[2];
  if (!directory) throw new Error('usage: node functions/console/build-console-assets.ts <dir>');
  await writeConsoleAssets(directory);
}
