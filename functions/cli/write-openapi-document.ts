import { writeFile } from 'node:fs/promises';
import { buildOpenApiDocument } from '../api/openapi/openapi-document.ts';

/** `npm run openapi`: regenerates docs/openapi.json from the schemas the code validates with. */
export const OPENAPI_FILE = new URL('../../docs/openapi.json', import.meta.url).pathname;

export function renderOpenApiDocument(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}

if (import.meta.main) {
  await writeFile(OPENAPI_FILE, renderOpenApiDocument());
  console.log(`wrote ${OPENAPI_FILE}`);
}
