import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

export interface MarkdownLink {
  /** The Markdown file, relative to the repository root. */
  file: string;
  line: number;
  target: string;
}

export interface LinkProblem extends MarkdownLink {
  problem: string;
}

/** Every Markdown file of the clone: tracked, or new and not ignored. */
export function repositoryMarkdownFiles(root: string): string[] {
  const output = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', '*.md'],
    { cwd: root, encoding: 'utf8' },
  );
  return output
    .split('\0')
    .filter((file) => file.length > 0 && existsSync(join(root, file)))
    .sort();
}

/** Lines outside fenced code blocks: as written, and with inline code spans blanked out. */
function proseLines(markdown: string): { raw: string; text: string; line: number }[] {
  const lines: { raw: string; text: string; line: number }[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((text, index) => {
    const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence) {
      if (opener?.startsWith(fence)) fence = undefined;
      return;
    }
    if (opener) {
      fence = opener;
      return;
    }
    lines.push({
      raw: text,
      text: text.replace(/`+[^`]*`+/g, (span) => ' '.repeat(span.length)),
      line: index + 1,
    });
  });
  return lines;
}

/** Inline links and images `[text](target "title")`, reference definitions, HTML href/src. */
export function markdownLinks(file: string, markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const { text, line } of proseLines(markdown)) {
    for (const match of text.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ file, line, target: match[1] ?? '' });
    }
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(text);
    if (definition?.[1]) links.push({ file, line, target: definition[1] });
    for (const match of text.matchAll(/\b(?:href|src)\s*=\s*"([^"]*)"/g)) {
      links.push({ file, line, target: match[1] ?? '' });
    }
  }
  return links;
}

/**
 * GitHub's heading anchors: lower case, punctuation other than `-` and `_` dropped, spaces to
 * hyphens, a repeated heading numbered `-1`, `-2`, ….
 */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { raw } of proseLines(markdown)) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(raw)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** What is wrong with a link of a Markdown file of the repository at `root`, if anything. */
export function linkProblem(root: string, link: MarkdownLink): string | undefined {
  const { target } = link;
  if (/^(https?:|mailto:)/i.test(target)) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return 'uses a scheme that leaves the repository';
  if (target === '') return 'is empty';
  const hashAt = target.indexOf('#');
  const pathPart = hashAt === -1 ? target : target.slice(0, hashAt);
  const anchor = hashAt === -1 ? undefined : decodeURIComponent(target.slice(hashAt + 1));
  if (isAbsolute(pathPart)) return 'is an absolute path; use a path relative to the file';
  const absolute =
    pathPart === ''
      ? join(root, link.file)
      : resolve(root, dirname(link.file), decodeURIComponent(pathPart));
  const inRepository = relative(root, absolute);
  if (inRepository.startsWith('..') || isAbsolute(inRepository)) {
    return 'leaves the repository';
  }
  if (!existsSync(absolute)) return 'points to a file that does not exist';
  if (anchor === undefined || anchor === '' || !absolute.endsWith('.md')) return undefined;
  if (statSync(absolute).isDirectory()) return undefined;
  if (!headingAnchors(readFileSync(absolute, 'utf8')).has(anchor)) {
    return `points to #${anchor}, which is no heading of ${relative(root, absolute)}`;
  }
  return undefined;
}

export function brokenLinks(root: string, files: readonly string[]): LinkProblem[] {
  return files.flatMap((file) =>
    markdownLinks(file, readFileSync(join(root, file), 'utf8')).flatMap((link) => {
      const problem = linkProblem(root, link);
      return problem ? [{ ...link, problem }] : [];
    }),
  );
}
