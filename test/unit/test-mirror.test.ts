import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  countTestMirror,
  expand,
  mirroredTests,
  renderTestMirrorDocument,
  sourceFiles,
  TEST_MIRROR_DOCUMENT,
} from '../support/docs/test-mirror.ts';
import { EXERCISED_ELSEWHERE, NO_LOGIC } from '../support/docs/untested-files.ts';

const ROOT = join(import.meta.dirname, '../..');
/** The floor issue 20 set: of the `functions/` files with logic, the share with their own test. */
const FUNCTIONS_FLOOR = 0.8;

describe('the test mirror', () => {
  const count = countTestMirror(ROOT);
  const sources = sourceFiles(ROOT);

  it('finds the test of a file in the mirrored places, functions/ prefix dropped', () => {
    const places = [
      mirroredTests('functions/whatsapp/usync-query.ts'),
      mirroredTests('infra/stacks/api-stack.ts'),
    ];

    expect(places).toEqual([
      ['test/unit/whatsapp/usync-query.test.ts', 'test/integration/whatsapp/usync-query.test.ts'],
      ['test/unit/infra/stacks/api-stack.test.ts'],
    ]);
  });

  it(`gives at least ${FUNCTIONS_FLOOR * 100} % of the functions/ files with logic their own test`, () => {
    const { tested, logic } = count.areas.functions;

    expect(tested / logic).toBeGreaterThanOrEqual(FUNCTIONS_FLOOR);
  });

  it('lists every file with logic and no mirrored test, with where it is exercised', () => {
    const explained = new Set(EXERCISED_ELSEWHERE.flatMap((entry) => entry.files));

    expect(count.untested.filter((file) => !explained.has(file))).toEqual([]);
  });

  it('lists only files that exist and still have no mirrored test', () => {
    const exists = new Set(sources);
    const withTest = new Set(count.withTest);
    const named = [
      ...EXERCISED_ELSEWHERE.flatMap((entry) => entry.files),
      // Folder patterns leave out the files of the folder with a test of their own.
      ...NO_LOGIC.flatMap((entry) => entry.files.filter((file) => !file.endsWith('/*'))),
    ];
    const patterns = NO_LOGIC.flatMap((entry) => entry.files.filter((file) => file.endsWith('/*')));

    expect(named.filter((file) => !exists.has(file))).toEqual([]);
    expect(named.filter((file) => withTest.has(file))).toEqual([]);
    for (const pattern of patterns) {
      expect(expand({ files: [pattern] }, sources).length, pattern).toBeGreaterThan(0);
    }
  });

  it(`holds the figures and lists of ${TEST_MIRROR_DOCUMENT} exactly as the tree renders them (npm run docs:test-mirror)`, () => {
    const text = readFileSync(join(ROOT, TEST_MIRROR_DOCUMENT), 'utf8');

    expect(renderTestMirrorDocument(text, count)).toBe(text);
  });
});
