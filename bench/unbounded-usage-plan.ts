import type { TenantUsagePlan } from '../functions/resources/tenant-usage-plan.ts';

/** A tenant usage plan the bench and the soak never reach: they measure our code, not limits. */
export const UNBOUNDED_USAGE_PLAN: TenantUsagePlan = {
  throttleRateLimit: 1_000_000,
  throttleBurstLimit: 1_000_000,
};
