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

  it('counts a weekly quota from Monday 00:00 UTC and a monthly one from the 1st', () => {
    const sunday = Date.UTC(2026, 5, 14, 12);
    const weekly = planAt(sunday, {
      throttleRateLimit: 100,
      throttleBurstLimit: 100,
      quota: { limit: 1, period: 'WEEK' },
    });
    expect([weekly.usagePlan.admit('k'), weekly.usagePlan.admit('k')]).toEqual([
      'admitted',
      'QUOTA_EXCEEDED',
    ]);
    weekly.advance(12 * 3600 * 1000);
    expect(weekly.usagePlan.admit('k')).toBe('admitted');

    const monthly = planAt(Date.UTC(2026, 5, 30, 23), {
      throttleRateLimit: 100,
      throttleBurstLimit: 100,
      quota: { limit: 1, period: 'MONTH' },
    });
    expect([monthly.usagePlan.admit('k'), monthly.usagePlan.admit('k')]).toEqual([
      'admitted',
      'QUOTA_EXCEEDED',
    ]);
    monthly.advance(3600 * 1000);
    expect(monthly.usagePlan.admit('k')).toBe('admitted');
  });
});
