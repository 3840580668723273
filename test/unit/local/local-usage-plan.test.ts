import { describe, expect, it } from 'vitest';
import { LocalUsagePlan } from '../../../functions/local/local-usage-plan.ts';

function planAt(start: number, plan: ConstructorParameters<typeof LocalUsagePlan>[0]['plan']) {
  let now = start;
  const usagePlan = new LocalUsagePlan({ plan, now: () => now });
  return {
    usagePlan,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('LocalUsagePlan', () => {
  it('throttles a key past its burst and admits it again as the rate refills the bucket', () => {
    // prepare
    const { usagePlan, advance } = planAt(0, { throttleRateLimit: 2, throttleBurstLimit: 3 });

    // act
    const burst = [1, 2, 3, 4].map(() => usagePlan.admit('tenant-a'));
    advance(500);
    const afterHalfASecond = usagePlan.admit('tenant-a');
    const otherKey = usagePlan.admit('tenant-b');

    // assert
    expect(burst).toEqual(['admitted', 'admitted', 'admitted', 'THROTTLED']);
    expect(afterHalfASecond).toBe('admitted');
    expect(otherKey).toBe('admitted');
  });

  it('refuses a key past its daily quota until the next UTC day', () => {
    // prepare
    const lateInTheDay = Date.UTC(2026, 5, 15, 23, 59, 0);
    const { usagePlan, advance } = planAt(lateInTheDay, {
      throttleRateLimit: 100,
      throttleBurstLimit: 100,
      quota: { limit: 2, period: 'DAY' },
    });

    // act
    const today = [1, 2, 3].map(() => usagePlan.admit('tenant-a'));
    advance(60_000);
    const tomorrow = usagePlan.admit('tenant-a');

    // assert
    expect(today).toEqual(['admitted', 'admitted', 'QUOTA_EXCEEDED']);
    expect(tomorrow).toBe('admitted');
  });

  it.each([
    // A Sunday noon: the week's quota comes back at Monday 00:00, twelve hours on.
    ['weekly quota from Monday 00:00 UTC', 'WEEK', Date.UTC(2026, 5, 14, 12), 12 * 3600 * 1000],
    // The month's last hour: its quota comes back on the 1st, an hour on.
    ['monthly quota from the 1st', 'MONTH', Date.UTC(2026, 5, 30, 23), 3600 * 1000],
  ] as const)('counts a %s', (_, period, start, untilNextPeriod) => {
    const plan = planAt(start, {
      throttleRateLimit: 100,
      throttleBurstLimit: 100,
      quota: { limit: 1, period },
    });
    expect([plan.usagePlan.admit('k'), plan.usagePlan.admit('k')]).toEqual([
      'admitted',
      'QUOTA_EXCEEDED',
    ]);
    plan.advance(untilNextPeriod);
    expect(plan.usagePlan.admit('k')).toBe('admitted');
  });
});
