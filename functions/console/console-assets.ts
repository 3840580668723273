import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** One file of the console as served: its path under the site, its type and its text. */
export interface ConsoleAsset {
  /** `index.html` or `console/<file>`, relative to the API's base URL. */
  path: string;
  contentType: string;
  body: string;
  /** Its name carries a content hash: cached for a year, never revalidated. */
  immutable: boolean;
}

/** The console's files by path; loaded once per execution environment. */
export type ConsoleAssets = ReadonlyMap<string, ConsoleAsset>;

/** The list of files a build wrote, beside them (the Lambda reads it at cold start). */
export const CONSOLE_MANIFEST_FILE = 'console-manifest.json';

export type ConsoleManifest = { files: Omit<ConsoleAsset, 'body'>[] };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  const type = CONTENT_TYPES[path.extname(file)];
  if (!type) throw new Error(`the console has no content type for ${file}`);
  return type;
}

export function consoleAssetMap(files: readonly ConsoleAsset[]): ConsoleAssets {
  return new Map(files.map((file) => [file.path, file]));
}

/** The assets a build wrote to `directory` (the Lambda's bundle folder on AWS). */
export async function readConsoleAssets(directory: string): Promise<ConsoleAssets> {
  const manifest = JSON.parse(
    await readFile(path.join(directory, CONSOLE_MANIFEST_FILE), 'utf8'),
  ) as ConsoleManifest;
  const files = await Promise.all(
    manifest.files.map(async (file) => ({
      ...file,
      body: await readFile(path.join(directory, file.path), 'utf8'),
    })),
  );
  return consoleAssetMap(files);
}
