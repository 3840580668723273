import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BenchResults, benchResultsSchema, TARGETS } from '../../../bench/bench-results.ts';
import { gatewayAndLivePathRows, verdict } from '../../../bench/result-rows.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const recorded = benchResultsSchema.parse(
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'bench/results.json'), 'utf8')),
);

function withFigures(): BenchResults {
  return {
    ...recorded,
    cachedHit: {
      ...recorded.cachedHit,
      gateway: {
        c1: { rps: 900, p50Ms: 1, p99Ms: 3 },
        c32: { rps: 4000, p50Ms: 7, p99Ms: 20 },
      },
    },
    livePath: {
      ...recorded.livePath,
      sqsRoundTripP50Ms: TARGETS.sqsRoundTripP50Ms + 1,
      sqsRoundTripP99Ms: 99,
    },
  };
}

describe('verdict', () => {
  it('says met up to the target and missed above it', () => {
    expect(verdict(10, 10)).toBe('met');
    expect(verdict(9.5, 10)).toBe('met');
    expect(verdict(10.1, 10)).toBe('**missed**');
  });
});

describe('gatewayAndLivePathRows', () => {
  it('shows the gateway at c1 and c32, then the live round trip against its target', () => {
    // prepare
    const results = withFigures();

    // act
    const rows = gatewayAndLivePathRows(results);

    // assert
    expect(rows).toEqual([
      ['Cached hit over HTTP (local gateway), c1', '900 req/s, p50 1 ms, p99 3 ms', '-', '-'],
      ['Cached hit over HTTP (local gateway), c32', '4000 req/s, p50 7 ms, p99 20 ms', '-', '-'],
      [
        'Live path: SQS request/reply round trip (offline worker)',
        `p50 ${TARGETS.sqsRoundTripP50Ms + 1} ms, p99 99 ms`,
        `p50 ≤ ${TARGETS.sqsRoundTripP50Ms} ms`,
        '**missed**',
      ],
    ]);
  });
});
