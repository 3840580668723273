/**
 * The per-tenant limits API Gateway's usage plan enforces, and the local gateway enforces the
 * same way. One API key per tenant (the authorizer hands it over as `usageIdentifierKey`), so
 * every user and token of a tenant shares the tenant's throttle and quota. The CDK deployment
 * settings default to these values; `npm start` uses them as they are.
 */
export interface TenantUsagePlan {
  /** Steady requests per second of one tenant (token bucket refill rate). */
  throttleRateLimit: number;
  /** Requests one tenant may send at once above the steady rate (token bucket size). */
  throttleBurstLimit: number;
  /** Requests one tenant may make per quota period; absent: no quota. */
  quota?: { limit: number; period: QuotaPeriod };
}

/** API Gateway's quota periods (the usage plan's `quota.period`). */
export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';
export const QUOTA_PERIODS = ['DAY', 'WEEK', 'MONTH'] as const satisfies readonly QuotaPeriod[];

export const DEFAULT_TENANT_USAGE_PLAN = {
  throttleRateLimit: 10,
  throttleBurstLimit: 20,
  quota: { limit: 100_000, period: 'DAY' },
} as const satisfies TenantUsagePlan;

/** API Gateway refuses a request payload above 10 MB with 413 (REQUEST_TOO_LARGE). */
export const API_GATEWAY_MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/**
 * The tokens table holds one tenant item per tenant beside the token items: its partition key
 * is this prefix and the tenant id (never a token hash: those are 64 hex digits). It has no
 * `tenantId` attribute, so the tenant index (and listing a tenant's tokens) never sees it.
 */
export const TENANT_ITEM_KEY_PREFIX = 'tenant#';
