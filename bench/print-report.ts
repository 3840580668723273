import { type BenchResults, TARGETS } from './bench-results.ts';
import type { HandlerHostReport } from './handler-host.ts';
import type { LambdaBundle } from './lambda-bundles.ts';
import type { LivePathBreakdown } from './live-path-breakdown.ts';

export interface BenchReport {
  results: BenchResults;
  hostReport: HandlerHostReport;
  breakdown: LivePathBreakdown;
  bundles: LambdaBundle[];
  coldInit: {
    emptyMs: number;
    bundles: {
      name: string;
      overEmptyMs: number;
      importOverEmptyMs: number;
      firstRequestMs: number;
      cpuOverEmptyMs: number;
    }[];
  };
  quick: boolean;
  resultsFile: string;
}

function verdict(value: number, target: number): string {
  return value <= target ? 'met' : '**missed**';
}

/** Prints the table as Markdown, ready for BENCHMARKS.md. */
export function printReport(report: BenchReport): void {
  const { results, hostReport, coldInit } = report;
  const { cachedHit, livePath, bundles } = results;
  const rows: [string, string, string, string][] = [
    [
      'Cached hit, in-process: (authorizer + profile) / raw GetItem, medians',
      `${cachedHit.handlerOverRawGetItem} (${hostReport.cachedRequestMedianMs} ms / ${hostReport.rawGetItemMedianMs} ms; authorizer ${hostReport.authorizerMedianMs} ms)`,
      `≤ ${TARGETS.handlerOverRawGetItem}`,
      verdict(cachedHit.handlerOverRawGetItem, TARGETS.handlerOverRawGetItem),
    ],
    ...(['c1', 'c32'] as const).map((level): [string, string, string, string] => [
      `Cached hit over HTTP (local gateway), ${level}`,
      `${cachedHit.gateway[level].rps} req/s, p50 ${cachedHit.gateway[level].p50Ms} ms, p99 ${cachedHit.gateway[level].p99Ms} ms`,
      '-',
      '-',
    ]),
    [
      'Live path: SQS request/reply round trip (offline worker)',
      `p50 ${livePath.sqsRoundTripP50Ms} ms, p99 ${livePath.sqsRoundTripP99Ms} ms`,
      `p50 ≤ ${TARGETS.sqsRoundTripP50Ms} ms`,
      verdict(livePath.sqsRoundTripP50Ms, TARGETS.sqsRoundTripP50Ms),
    ],
    [
      'Bundle: profile (minified ESM, as CDK builds it)',
      `${bundles.profileKb} KB`,
      `≤ ${TARGETS.profileKb} KB`,
      verdict(bundles.profileKb, TARGETS.profileKb),
    ],
    [
      'Bundle: authorizer (minified ESM, as CDK builds it)',
      `${bundles.authorizerKb} KB`,
      `≤ ${TARGETS.authorizerKb} KB`,
      verdict(bundles.authorizerKb, TARGETS.authorizerKb),
    ],
    [
      'Cold init: import profile bundle + first cached request, over empty handler',
      `${results.coldInit.overEmptyMs} ms (empty handler: ${coldInit.emptyMs} ms after process start)`,
      `≤ ${TARGETS.coldInitOverEmptyMs} ms`,
      verdict(results.coldInit.overEmptyMs, TARGETS.coldInitOverEmptyMs),
    ],
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
        `| ${bundle.name} | ${bundle.kb} | ${bundle.largestInputs.map((input) => `${input.name} ${input.kb}`).join(', ')} |`,
    ),
    '',
    'Cold init over the empty handler (medians):',
    '',
    '| Bundle | Total (wall) | Import | First request | CPU time |',
    '|---|---|---|---|---|',
    ...coldInit.bundles.map(
      (bundle) =>
        `| ${bundle.name} | ${bundle.overEmptyMs} ms | ${bundle.importOverEmptyMs} ms | ${bundle.firstRequestMs} ms | ${bundle.cpuOverEmptyMs} ms |`,
    ),
    '',
    `Wrote ${report.resultsFile}`,
  ];
  console.log(lines.join('\n'));
}
