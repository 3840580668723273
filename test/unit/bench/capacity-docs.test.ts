import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchResultsSchema } from '../../../bench/bench-results.ts';
import {
  capacityAtClaimBlock,
  claimOf,
  reconnectStormBlock,
} from '../../../bench/capacity-docs.ts';

const results = benchResultsSchema.parse(
  JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, '../../../bench/results.json'), 'utf8'),
  ),
);
const run = results.capacityAtClaim;
if (!run) throw new Error('bench/results.json holds no capacityAtClaim run');
const held = {
  ...run,
  lookups: { ...run.lookups, answered: run.lookups.count },
  messages: { ...run.messages, retries: 0 },
  memory: { ...run.memory, peakRssMb: 1_000 },
  cpu: { ...run.cpu, meanMsPerSecond: 400 },
};

describe('claimOf', () => {
  it('holds the claim when every lookup was answered within the headroom', () => {
    expect(claimOf(held)).toEqual({ sessions: run.sessions, held: true, broken: [] });
  });

  it('does not hold it when lookups failed or the worker went past its headroom', () => {
    const broken = claimOf({
      ...held,
      lookups: { ...held.lookups, answered: held.lookups.count - 1 },
      memory: { ...held.memory, peakRssMb: 1_600 },
      cpu: { ...held.cpu, meanMsPerSecond: 700 },
    });

    expect(broken.held).toBe(false);
    expect(broken.broken).toEqual([
      'lookups failed',
      "peak RSS over 75 % of the task's memory",
      "mean CPU over 60 % of the task's vCPU",
    ]);
  });
});

describe('capacityAtClaimBlock', () => {
  it('states the claim as measured only when the run held it', () => {
    const text = (capacity: typeof held) =>
      capacityAtClaimBlock({ ...results, capacityAtClaim: capacity }).join('\n');

    expect(text(held)).toContain(`**${run.sessions} sessions, measured**`);
    expect(text({ ...held, messages: { ...held.messages, retries: 3 } })).toContain(
      `**not held at ${run.sessions} sessions**: messages failed to decrypt`,
    );
  });

  it('says so when no run is recorded', () => {
    const { capacityAtClaim: _none, ...without } = results;

    expect(reconnectStormBlock(without)).toEqual([
      'No reconnect storm is recorded in bench/results.json.',
    ]);
  });
});
