import { describe, expect, it } from 'vitest';
import { DynamoDbTaskPresence } from '../../../functions/worker/task-presence.ts';
import { useSessionsTable } from '../../support/sessions-table.ts';

const table = useSessionsTable();

function presence(workerId: string, now: () => number) {
  return new DynamoDbTaskPresence({
    client: table.client,
    tableName: table.tableName,
    workerId,
    durationMs: 15_000,
    now,
  });
}

describe('DynamoDbTaskPresence', () => {
  it('counts the live tasks, itself included, and no longer those withdrawn or expired', async () => {
    let now = Date.parse('2026-06-15T12:00:00Z');
    const clock = () => now;
    const a = presence(`a-${now}`, clock);
    const b = presence(`b-${now}`, clock);
    const c = presence(`c-${now}`, clock);

    expect(await a.announce()).toBe(1);
    expect(await b.announce()).toBe(2);
    expect(await c.announce()).toBe(3);

    await c.withdraw();
    expect(await a.announce()).toBe(2);

    // b stops announcing; past its presence duration it no longer counts.
    now += 16_000;
    expect(await a.announce()).toBe(1);
  });
});
