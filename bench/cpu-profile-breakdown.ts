import { readFile } from 'node:fs/promises';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { pathToFileURL } from 'node:url';
import { packageOf } from './lambda-bundles.ts';

/**
 * Where a cold start's CPU goes, from a V8 CPU profile of the probe (`node --cpu-prof`): each
 * sample is charged to the package whose code was running (mapped through the bundle's source
 * map), to a Node built-in, or to V8 itself (compiling, garbage collection), and to a phase:
 * module evaluation, configuration, logger and SDK client construction (told apart by our
 * factory functions on the stack), or the first request (after the import finished).
 */

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export const PHASES = [
  'module evaluation',
  'configuration',
  'logger',
  'SDK clients',
  'first request',
] as const;
export type Phase = (typeof PHASES)[number];

/** Our composition helpers: a sample with one of them on its stack belongs to that phase. */
export const PHASE_OF_SOURCE: readonly (readonly [file: string, phase: Phase])[] = [
  ['functions/platform/aws-clients.ts', 'SDK clients'],
  ['functions/platform/parse-environment.ts', 'configuration'],
  ['functions/platform/logger.ts', 'logger'],
];

/** CPU milliseconds per phase, and per phase per place (package, built-in or V8). */
export type CpuBreakdown = Record<Phase, { totalMs: number; places: Record<string, number> }>;

function emptyBreakdown(): CpuBreakdown {
  return Object.fromEntries(
    PHASES.map((phase) => [phase, { totalMs: 0, places: {} }]),
  ) as CpuBreakdown;
}

/** Node's own modules, grouped by what they are (`node:internal/deps/undici/undici` → undici). */
function builtinPlace(url: string): string {
  const segments = url.replace(/^node:/, '').split('/');
  if (segments[0] !== 'internal') return `node:${segments[0]}`;
  if (segments[1] === 'deps') return `node:${segments[2]}`;
  if (segments[1] === 'modules' || segments[1] === 'vm') return 'node: module loader';
  return `node:${segments[1]?.replace(/\.js$/, '')}`;
}

/**
 * V8 samples at wall-clock intervals, so on a busy machine a sample also covers time the process
 * waited for a core. Each cell is therefore its share of the samples times the CPU time the
 * process really used (`cpuMs`, from process.cpuUsage()).
 */
export async function cpuBreakdown(options: {
  profileFile: string;
  bundleFile: string;
  importedAtMonotonicUs: number;
  cpuMs: number;
}): Promise<CpuBreakdown> {
  const profile = JSON.parse(await readFile(options.profileFile, 'utf8')) as CpuProfile;
  const map = new SourceMap(
    JSON.parse(await readFile(`${options.bundleFile}.map`, 'utf8')) as SourceMapPayload,
  );
  const bundleUrl = pathToFileURL(options.bundleFile).href;

  const parent = new Map<number, number>();
  const byId = new Map<number, CpuProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }

  const sourceCache = new Map<number, string | undefined>();
  /** The original source file of a bundle frame (undefined outside the bundle). */
  function sourceOf(node: CpuProfileNode): string | undefined {
    if (!sourceCache.has(node.id)) {
      const { url, lineNumber, columnNumber } = node.callFrame;
      const entry =
        url === bundleUrl
          ? (map.findEntry(lineNumber, columnNumber) as { originalSource?: string })
          : {};
      sourceCache.set(node.id, entry.originalSource);
    }
    return sourceCache.get(node.id);
  }

  /** Charged to the nearest frame with a location: native functions count for their caller. */
  function placeOf(node: CpuProfileNode): string | undefined {
    for (let current: CpuProfileNode | undefined = node; current; ) {
      const { functionName, url } = current.callFrame;
      if (functionName === '(idle)') return undefined;
      if (functionName === '(garbage collector)') return 'V8: garbage collection';
      if (functionName === '(program)' || functionName === '(root)') {
        return 'V8: compiling and native code';
      }
      if (url === bundleUrl) {
        // The bundle's own top level: the scope-hoisted module bodies of every package at once.
        if (current.callFrame.lineNumber === 0 && current.callFrame.columnNumber === 0) {
          return 'bundle top level (module bodies)';
        }
        return packageOf(sourceOf(current) ?? '');
      }
      if (url.startsWith('node:')) return builtinPlace(url);
      if (url !== '') return 'bench probe (same in the empty handler)';
      const parentId = parent.get(current.id);
      current = parentId === undefined ? undefined : byId.get(parentId);
    }
    return 'V8: compiling and native code';
  }

  function importPhaseOf(node: CpuProfileNode): Phase {
    for (let current: CpuProfileNode | undefined = node; current; ) {
      const source = current.callFrame.url === bundleUrl ? sourceOf(current) : undefined;
      const phase = source && PHASE_OF_SOURCE.find(([file]) => source.endsWith(file))?.[1];
      if (phase) return phase;
      const parentId = parent.get(current.id);
      current = parentId === undefined ? undefined : byId.get(parentId);
    }
    return 'module evaluation';
  }

  const breakdown = emptyBreakdown();
  let timestamp = profile.startTime;
  profile.samples.forEach((id, index) => {
    const deltaUs = profile.timeDeltas[index] ?? 0;
    timestamp += deltaUs;
    const node = byId.get(id);
    if (!node) return;
    const place = placeOf(node);
    if (place === undefined) return;
    const phase = timestamp > options.importedAtMonotonicUs ? 'first request' : importPhaseOf(node);
    const slot = breakdown[phase];
    slot.totalMs += deltaUs;
    slot.places[place] = (slot.places[place] ?? 0) + deltaUs;
  });
  const sampledUs = PHASES.reduce((sum, phase) => sum + breakdown[phase].totalMs, 0);
  const scale = sampledUs > 0 ? options.cpuMs / sampledUs : 0;
  for (const phase of PHASES) {
    const slot = breakdown[phase];
    slot.totalMs *= scale;
    for (const place of Object.keys(slot.places))
      slot.places[place] = (slot.places[place] ?? 0) * scale;
  }
  return breakdown;
}

/** Median of each cell over several profiles. */
export function medianBreakdown(breakdowns: CpuBreakdown[], median: (values: number[]) => number) {
  const result = emptyBreakdown();
  for (const phase of PHASES) {
    result[phase].totalMs = median(breakdowns.map((breakdown) => breakdown[phase].totalMs));
    const places = new Set(breakdowns.flatMap((breakdown) => Object.keys(breakdown[phase].places)));
    for (const place of places) {
      result[phase].places[place] = median(
        breakdowns.map((breakdown) => breakdown[phase].places[place] ?? 0),
      );
    }
  }
  return result;
}
