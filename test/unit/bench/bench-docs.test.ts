import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BENCH_DOCUMENTS,
  outsideGeneratedBlocks,
  renderDocument,
} from '../../../bench/bench-docs.ts';
import { benchResultsSchema, TARGETS } from '../../../bench/bench-results.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const results = benchResultsSchema.parse(
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'bench/results.json'), 'utf8')),
);

/** Every number results.json holds, as written in a document (1,031 for 1031). */
function heldNumbers(value: unknown, into = new Set<number>()): Set<number> {
  if (typeof value === 'number') into.add(value);
  else if (value && typeof value === 'object') {
    for (const each of Object.values(value)) heldNumbers(each, into);
  }
  return into;
}

/**
 * A measured figure: a number with the unit of a time, a size or a rate. (Session counts are
 * plan sizes in the prose; the measured ones and the claim per task sit in generated blocks.)
 */
const FIGURE = /(?<![\w.])(\d[\d,]*(?:\.\d+)?)\s?(ms|KB|MB|GB|req\/s)(?!\w)/g;

describe.each(BENCH_DOCUMENTS)('%s', (document) => {
  const text = readFileSync(path.join(REPO_ROOT, document), 'utf8');

  it('holds the generated blocks exactly as bench/results.json renders them', () => {
    expect(text).toContain('<!-- generated from bench/results.json:');
    expect(renderDocument(text, results)).toBe(text);
  });

  it('quotes no measured figure outside its generated blocks that results.json does not hold', () => {
    // The targets are figures too, held by bench/bench-results.ts beside the results' shape.
    const held = heldNumbers(TARGETS, heldNumbers(results));
    const unheld = [...outsideGeneratedBlocks(text).matchAll(FIGURE)]
      .map((match) => match[0])
      .filter((figure) => !held.has(Number(figure.replace(/,/g, '').replace(/[^\d.].*$/, ''))));

    expect(unheld).toEqual([]);
  });
});
