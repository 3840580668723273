import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXERCISED_ELSEWHERE, type ListedFiles, NO_LOGIC } from './untested-files.ts';

/**
 * How many source files have a test of the same name in the mirrored place, counted from
 * `git ls-files` (docs/architecture.md, "Finding the test of a file"): the test of
 * `functions/<path>/<name>.ts` is `test/unit/<path>/<name>.test.ts` or
 * `test/integration/<path>/<name>.test.ts`; of `infra/<path>/<name>.ts`,
 * `test/unit/infra/<path>/<name>.test.ts`. docs/architecture.md quotes the figures only inside a
 * block rendered here; test/unit/test-mirror.test.ts fails when the block, or the lists it is
 * made from (`untested-files.ts`), no longer match the tree.
 */

export type Area = 'functions' | 'infra';

export interface AreaCount {
  /** Source files counted (`.ts`, declaration files left out). */
  counted: number;
  /** Files listed as holding no logic. */
  noLogic: number;
  /** Files with logic, and of those, the ones with a mirrored test. */
  logic: number;
  tested: number;
}

export interface TestMirrorCount {
  areas: Record<Area, AreaCount>;
  /** Files with logic and no mirrored test. */
  untested: string[];
  /** Every counted file with a mirrored test (no-logic ones included). */
  withTest: string[];
}

/** Files git knows of, tracked or new and not ignored, that are still on disk. */
function listedByGit(root: string, ...paths: string[]): string[] {
  const output = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', ...paths],
    { cwd: root, encoding: 'utf8' },
  );
  return [...new Set(output.split('\0'))]
    .filter((file) => file.length > 0 && existsSync(join(root, file)))
    .sort();
}

export function sourceFiles(root: string): string[] {
  return listedByGit(root, 'functions', 'infra').filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.d.ts'),
  );
}

/** Where the test of a source file may be, by the mirroring rule. */
export function mirroredTests(source: string): string[] {
  const stem = source.replace(/\.ts$/, '');
  if (stem.startsWith('infra/')) return [`test/unit/${stem}.test.ts`];
  const path = stem.replace(/^functions\//, '');
  return [`test/unit/${path}.test.ts`, `test/integration/${path}.test.ts`];
}

export const areaOf = (file: string): Area => (file.startsWith('infra/') ? 'infra' : 'functions');

/** The files an entry names: paths, or `<folder>/*` for every file directly in a folder. */
export function expand(entry: ListedFiles, sources: readonly string[]): string[] {
  return entry.files.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const folder = pattern.slice(0, -1);
    return sources.filter(
      (file) => file.startsWith(folder) && !file.slice(folder.length).includes('/'),
    );
  });
}

export function countTestMirror(root: string): TestMirrorCount {
  const sources = sourceFiles(root);
  const tests = new Set(listedByGit(root, 'test'));
  const noLogic = new Set(NO_LOGIC.flatMap((entry) => expand(entry, sources)));
  const empty = (): AreaCount => ({ counted: 0, noLogic: 0, logic: 0, tested: 0 });
  const areas: Record<Area, AreaCount> = { functions: empty(), infra: empty() };
  const untested: string[] = [];
  const withTest: string[] = [];
  for (const source of sources) {
    const area = areas[areaOf(source)];
    const hasTest = mirroredTests(source).some((test) => tests.has(test));
    area.counted += 1;
    if (hasTest) withTest.push(source);
    // A file with a test of its own counts as tested, whatever a folder pattern says of it.
    if (noLogic.has(source) && !hasTest) {
      area.noLogic += 1;
      continue;
    }
    area.logic += 1;
    if (hasTest) area.tested += 1;
    else untested.push(source);
  }
  return { areas, untested, withTest };
}

export const percent = (part: number, whole: number) =>
  `${whole === 0 ? '0.0' : ((100 * part) / whole).toFixed(1)} %`;

const strip = (file: string) => file.replace(/^functions\//, '');

function fileList(entry: ListedFiles): string {
  return entry.files.map((file) => `\`${strip(file)}\``).join(', ');
}

export function renderTestMirrorBlock(count: TestMirrorCount): string[] {
  const { functions, infra } = count.areas;
  const all = {
    counted: functions.counted + infra.counted,
    noLogic: functions.noLogic + infra.noLogic,
    logic: functions.logic + infra.logic,
    tested: functions.tested + infra.tested,
  };
  const exercised = EXERCISED_ELSEWHERE.reduce((files, entry) => files + entry.files.length, 0);
  return [
    '',
    `Of the ${all.counted} files counted (\`functions/\`: ${functions.counted}, \`infra/\`: ${infra.counted}), ${all.noLogic} hold no logic; of the other ${all.logic}, ${all.tested} have their test: **${percent(all.tested, all.logic)}** (\`functions/\`: ${functions.tested} of ${functions.logic}, **${percent(functions.tested, functions.logic)}**; \`infra/\`: ${infra.tested} of ${infra.logic}, ${percent(infra.tested, infra.logic)}).`,
    '',
    `**Without logic** (declarations, constants and entry files; ${all.noLogic}):`,
    '',
    ...NO_LOGIC.map(
      (entry, index) =>
        `- ${entry.reason}: ${fileList(entry)}${index === NO_LOGIC.length - 1 ? '.' : ';'}`,
    ),
    '',
    `**Logic without its own test** (${exercised}), and where it is exercised:`,
    '',
    '| file | exercised by | why not on its own |',
    '|---|---|---|',
    ...EXERCISED_ELSEWHERE.map(
      (entry) => `| ${fileList(entry)} | ${entry.exercisedBy} | ${entry.why} |`,
    ),
    '',
  ];
}

const BEGIN = '<!-- generated from git ls-files by test/support/docs/test-mirror.ts -->';
const END = '<!-- end of generated block -->';

/** The document with its generated block rendered anew from the tree. */
export function renderTestMirrorDocument(text: string, count: TestMirrorCount): string {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error(`no block between "${BEGIN}" and "${END}"`);
  return [
    text.slice(0, start + BEGIN.length),
    ...renderTestMirrorBlock(count),
    text.slice(end),
  ].join('\n');
}

export const TEST_MIRROR_DOCUMENT = 'docs/architecture.md';
