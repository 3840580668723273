import { describe, expect, it } from 'vitest';
import { LiveLookupBudget } from '../../../functions/whatsapp/live-lookup-budget.ts';

describe('LiveLookupBudget', () => {
  it('allows a burst, then refuses with the seconds until the next token', () => {
    const now = 0;
    const budget = new LiveLookupBudget({ burst: 2, perMinute: 6, now: () => now });

    const decisions = [budget.take('s'), budget.take('s'), budget.take('s')];

    expect(decisions).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: false, retryAfterSeconds: 10 },
    ]);
  });

  it('grants a batch what is left and says when the next unit comes', () => {
    let now = 0;
    const budget = new LiveLookupBudget({ burst: 10, perMinute: 6, now: () => now });
    budget.take('s');

    const batch = budget.takeUpTo('s', 50);
    now = 5_000;
    const afterHalfAUnit = budget.takeUpTo('s', 1);

    expect(batch).toEqual({ granted: 9, retryAfterSeconds: 10 });
    expect(afterHalfAUnit).toEqual({ granted: 0, retryAfterSeconds: 5 });
  });

  it('refills over time, never above the burst', () => {
    let now = 0;
    const budget = new LiveLookupBudget({ burst: 2, perMinute: 6, now: () => now });
    budget.take('s');
    budget.take('s');

    now = 10 * 60_000;
    const afterRefill = [budget.take('s'), budget.take('s'), budget.take('s')];

    expect(afterRefill.map((decision) => decision.allowed)).toEqual([true, true, false]);
  });

  it('keeps one budget per session', () => {
    const budget = new LiveLookupBudget({ burst: 1, perMinute: 1, now: () => 0 });

    budget.take('tenant#a');

    expect(budget.take('tenant#b')).toEqual({ allowed: true });
    expect(budget.take('tenant#a').allowed).toBe(false);
  });
});
