import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countTestMirror, renderTestMirrorDocument, TEST_MIRROR_DOCUMENT } from './test-mirror.ts';
import { EXERCISED_ELSEWHERE } from './untested-files.ts';

// `npm run docs:test-mirror`: rewrites the generated block of docs/architecture.md from the tree.
const root = join(import.meta.dirname, '../../..');
const file = join(root, TEST_MIRROR_DOCUMENT);
const count = countTestMirror(root);
writeFileSync(file, renderTestMirrorDocument(readFileSync(file, 'utf8'), count));
const { functions, infra } = count.areas;
console.log(
  `functions/: ${functions.tested} of ${functions.logic} logic files (${functions.counted} counted); infra/: ${infra.tested} of ${infra.logic} (${infra.counted} counted)`,
);
const explained = new Set(EXERCISED_ELSEWHERE.flatMap((entry) => entry.files));
for (const file of count.untested.filter((each) => !explained.has(each))) {
  console.log(`logic without a mirrored test, not in untested-files.ts: ${file}`);
}
