import type { QuotaPeriod, TenantUsagePlan } from '../resources/tenant-usage-plan.ts';

/** What a usage plan says about one request: served, or refused by its throttle or its quota. */
export type UsagePlanVerdict = 'admitted' | 'THROTTLED' | 'QUOTA_EXCEEDED';

const DAY_MS = 24 * 3600 * 1000;

/** The start of the quota period holding `now` (UTC), as a key: DAY, WEEK (from Monday), MONTH. */
function quotaPeriodKey(period: QuotaPeriod, now: number): string {
  const date = new Date(now);
  if (period === 'MONTH') return `${date.getUTCFullYear()}-${date.getUTCMonth() + 1}`;
  const day = Math.floor(now / DAY_MS);
  if (period === 'DAY') return String(day);
  // 1970-01-01 was a Thursday: day 4 is the first Monday.
  return String(Math.floor((day - 4) / 7));
}

/**
 * The local gateway's stand-in for an API Gateway usage plan: per usage key (one per tenant), a
 * token bucket of `throttleBurstLimit` requests refilled at `throttleRateLimit` per second, and
 * a count of requests per quota period. API Gateway's own counters are distributed and
 * approximate; this one is exact, so a test over it sees the limits as configured.
 */
export class LocalUsagePlan {
  readonly #plan: TenantUsagePlan;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; refilledAt: number }>();
  readonly #quotas = new Map<string, { period: string; used: number }>();

  constructor(options: { plan: TenantUsagePlan; now?: () => number }) {
    this.#plan = options.plan;
    this.#now = options.now ?? Date.now;
  }

  admit(usageKey: string): UsagePlanVerdict {
    const now = this.#now();
    const { throttleRateLimit, throttleBurstLimit, quota } = this.#plan;
    const bucket = this.#buckets.get(usageKey) ?? { tokens: throttleBurstLimit, refilledAt: now };
    bucket.tokens = Math.min(
      throttleBurstLimit,
      bucket.tokens + ((now - bucket.refilledAt) / 1000) * throttleRateLimit,
    );
    bucket.refilledAt = now;
    this.#buckets.set(usageKey, bucket);
    if (bucket.tokens < 1) return 'THROTTLED';
    if (quota) {
      const period = quotaPeriodKey(quota.period, now);
      const counted = this.#quotas.get(usageKey);
      const used = counted?.period === period ? counted.used : 0;
      if (used >= quota.limit) return 'QUOTA_EXCEEDED';
      this.#quotas.set(usageKey, { period, used: used + 1 });
    }
    bucket.tokens -= 1;
    return 'admitted';
  }
}
