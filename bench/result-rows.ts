import { type BenchResults, TARGETS } from './bench-results.ts';

/** A row of a results table: measure, result, target, verdict. */
export type ResultRow = [string, string, string, string];

/** How a figure stands against its target, as the tables say it. */
export function verdict(value: number, target: number): string {
  return value <= target ? 'met' : '**missed**';
}

/**
 * The rows the printed report and the generated documents show alike: the cached hit over
 * HTTP at each concurrency, then the live path's round trip.
 */
export function gatewayAndLivePathRows(results: BenchResults): ResultRow[] {
  const { cachedHit, livePath } = results;
  return [
    ...(['c1', 'c32'] as const).map(
      (level): ResultRow => [
        `Cached hit over HTTP (local gateway), ${level}`,
        `${cachedHit.gateway[level].rps} req/s, p50 ${cachedHit.gateway[level].p50Ms} ms, p99 ${cachedHit.gateway[level].p99Ms} ms`,
        '-',
        '-',
      ],
    ),
    [
      'Live path: SQS request/reply round trip (offline worker)',
      `p50 ${livePath.sqsRoundTripP50Ms} ms, p99 ${livePath.sqsRoundTripP99Ms} ms`,
      `p50 ≤ ${TARGETS.sqsRoundTripP50Ms} ms`,
      verdict(livePath.sqsRoundTripP50Ms, TARGETS.sqsRoundTripP50Ms),
    ],
  ];
}
