import { type BenchResults, TARGETS } from './bench-results.ts';
import type { ColdInitReport } from './cold-init.ts';
import { PHASES } from './cpu-profile-breakdown.ts';
import type { HandlerHostReport } from './handler-host.ts';
import type { LambdaBundle } from './lambda-bundles.ts';
import type { LivePathBreakdown } from './live-path-breakdown.ts';
import { gatewayAndLivePathRows, type ResultRow, verdict } from './result-rows.ts';
import { formatSpread } from './sample-statistics.ts';

export interface BenchReport {
  results: BenchResults;
  hostReport: HandlerHostReport;
  breakdown: LivePathBreakdown;
  bundles: LambdaBundle[];
  coldInit: ColdInitReport;
  quick: boolean;
  resultsFile: string;
}

/** The cold-init tables: paired figures per bundle, then where the CPU goes. */
function coldInitLines(coldInit: ColdInitReport): string[] {
  return [
    `Cold init over the empty handler (${coldInit.runs} pairs of fresh processes each, empty then function, interleaved; medians of the pairs' differences, quartiles and the median's 95 % interval; first request over HTTPS; empty handler: ${coldInit.empty.cpuMs} ms CPU (${formatSpread(coldInit.empty.cpuSpread)}), ${coldInit.empty.wallMs} ms wall from process start to answer):`,
    '',
    '| Bundle | CPU | spread | of which import | first request | Wall | of which import | first request |',
    '|---|---|---|---|---|---|---|---|',
    ...coldInit.functions.map(
      (result) =>
        `| ${result.name} | ${result.cpuOverEmptyMs} ms | ${formatSpread(result.cpuOverEmptySpread)} | ${result.importCpuOverEmptyMs} ms | ${result.firstRequestCpuMs} ms | ${result.wallOverEmptyMs} ms | ${result.importWallOverEmptyMs} ms | ${result.firstRequestWallMs} ms |`,
    ),
    '',
    'Where the CPU goes (V8 CPU profiles, median per cell, ms over the empty handler; the profiler adds its own overhead, so compare places with each other, not with the table above):',
    '',
    `| Bundle | ${PHASES.join(' | ')} |`,
    `|---|${PHASES.map(() => '---').join('|')}|`,
    ...coldInit.breakdowns.map(
      ({ name, breakdown }) =>
        `| ${name} | ${PHASES.map((phase) => {
          const places = Object.entries(breakdown[phase].places)
            .sort((left, right) => right[1] - left[1])
            .slice(0, 6)
            .map(([place, ms]) => `${place} ${ms}`)
            .join(', ');
          return `**${breakdown[phase].totalMs}**${places ? `: ${places}` : ''}`;
        }).join(' | ')} |`,
    ),
    '',
  ];
}

/** Prints the cold-init tables alone (`npm run bench -- --cold`). */
export function printColdInit(coldInit: ColdInitReport, bundles: LambdaBundle[]): void {
  const sizes = bundles.map((bundle) => `${bundle.name} ${bundle.kb} KB`).join(', ');
  console.log([...coldInitLines(coldInit), '', `Bundles: ${sizes}`].join('\n'));
}

/** Prints the table as Markdown, ready for BENCHMARKS.md. */
export function printReport(report: BenchReport): void {
  const { results, hostReport, coldInit } = report;
  const { cachedHit } = results;
  const rows: ResultRow[] = [
    [
      'Cached hit, in-process: (authorizer + profile) / raw GetItem, medians',
      `${cachedHit.handlerOverRawGetItem} (${hostReport.cachedRequestMedianMs} ms / ${hostReport.rawGetItemMedianMs} ms; authorizer ${hostReport.authorizerMedianMs} ms)`,
      `≤ ${TARGETS.handlerOverRawGetItem}`,
      verdict(cachedHit.handlerOverRawGetItem, TARGETS.handlerOverRawGetItem),
    ],
    ...gatewayAndLivePathRows(results),
    ...Object.entries(results.functions).flatMap(([name, result]): ResultRow[] => [
      [
        `Cold init: ${name}, import + first request, CPU over empty handler (wall)`,
        `${result.coldInit.cpuOverEmptyMs} ms (${result.coldInit.wallOverEmptyMs} ms)`,
        `≤ ${TARGETS.coldInitCpuOverEmptyMs} ms CPU`,
        verdict(result.coldInit.cpuOverEmptyMs, TARGETS.coldInitCpuOverEmptyMs),
      ],
      [
        `Bundle: ${name} (minified, as CDK builds it)`,
        `${result.bundleKb} KB`,
        `≤ ${result.budgetKb} KB (budget)`,
        result.overBudget ? '**over budget**' : 'within',
      ],
    ]),
  ];
  const lines = [
    `${report.quick ? 'Quick run (small samples; not for comparison)' : 'Full run'}, ${results.date}`,
    `Machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGb} GB, ${results.machine.os}, Node ${results.machine.node}, load average ${results.machine.loadAverage1mAtStart} at start and ${results.machine.loadAverage1mAtEnd} at end`,
    '',
    '| Measure | Result | Target | |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    'Live path, the calls on its critical path timed alone (medians):',
    '',
    '| Lease GetItem | SQS hop (send to a waiting long poll) | Cache PutItem | DeleteMessageBatch | Lease + 2 hops + put + delete | Round trip via an echo-only worker process |',
    '|---|---|---|---|---|---|',
    `| ${report.breakdown.leaseGetItemMs} ms | ${report.breakdown.sqsHopMs} ms | ${report.breakdown.cachePutItemMs} ms | ${report.breakdown.deleteMessageBatchMs} ms | ${report.breakdown.criticalPathSumMs} ms | ${report.breakdown.echoRoundTripMs} ms |`,
    '',
    'Bundles, largest packages (KB of minified output):',
    '',
    '| Bundle | KB | Largest packages |',
    '|---|---|---|',
    ...report.bundles.map(
      (bundle) =>
        `| ${bundle.name} | ${bundle.kb} | ${bundle.packages
          .slice(0, 8)
          .map((input) => `${input.name} ${input.kb}`)
          .join(', ')} |`,
    ),
    '',
    ...coldInitLines(coldInit),
    `Wrote ${report.resultsFile}`,
  ];
  console.log(lines.join('\n'));
}
