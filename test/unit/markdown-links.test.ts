import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  brokenLinks,
  headingAnchors,
  repositoryMarkdownFiles,
} from '../support/docs/markdown-links.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const README_MAX_LINES = 300;
/** Words a reader of a clone cannot follow: how the project is organised outside it. */
const OUTSIDE_WORDS = [
  /\.\.\/shared\//,
  /\/work\//,
  /CONTRACT\.md/,
  /\bissue #\d+/i,
  /\bthe seed\b/i,
];

describe('markdown link check', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'markdown-links-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('reports a missing file, a link leaving the repository and an unknown anchor', () => {
    mkdirSync(join(scratch, 'docs'));
    writeFileSync(
      join(scratch, 'docs', 'guide.md'),
      '# Guide\n\n## `user_info` fields\n\n## Step 2. Deploy\n',
    );
    writeFileSync(
      join(scratch, 'README.md'),
      [
        '[ok](docs/guide.md) [ok](docs/guide.md#user_info-fields) [ok](docs/guide.md#step-2-deploy)',
        '[web](https://example.com/x) `[not a link](nowhere.md)`',
        '[gone](docs/missing.md) [out](../shared/spec/CONTRACT.md) [anchor](docs/guide.md#nope)',
        '```',
        '[in a code block](ignored.md)',
        '```',
        '[abs](/etc/passwd) [self](#guide-missing)',
      ].join('\n'),
    );

    const problems = brokenLinks(scratch, ['README.md', 'docs/guide.md']);

    expect(problems.map((each) => [each.target, each.problem])).toEqual([
      ['docs/missing.md', 'points to a file that does not exist'],
      ['../shared/spec/CONTRACT.md', 'leaves the repository'],
      ['docs/guide.md#nope', 'points to #nope, which is no heading of docs/guide.md'],
      ['/etc/passwd', 'is an absolute path; use a path relative to the file'],
      ['#guide-missing', 'points to #guide-missing, which is no heading of README.md'],
    ]);
  });

  it('numbers repeated headings as GitHub does', () => {
    expect([...headingAnchors('# A\n## Setup\n### Setup\n## Setup: `npm start`!\n')]).toEqual([
      'a',
      'setup',
      'setup-1',
      'setup-npm-start',
    ]);
  });
});

describe('the repository’s Markdown', () => {
  const files = repositoryMarkdownFiles(ROOT);

  it('finds the README and the docs pages', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('docs/api-reference.md');
  });

  it('has no relative link that fails to resolve inside the clone', () => {
    const problems = brokenLinks(ROOT, files).map(
      (each) => `${each.file}:${each.line} ${each.target} ${each.problem}`,
    );

    expect(problems).toEqual([]);
  });

  it('keeps the README a front page of at most 300 lines', () => {
    const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').trimEnd().split('\n').length;

    expect(lines).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('uses no words that only make sense outside the repository', () => {
    const found = files.flatMap((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return OUTSIDE_WORDS.filter((pattern) => pattern.test(text)).map(
        (pattern) => `${file}: ${pattern}`,
      );
    });

    expect(found).toEqual([]);
  });
});
