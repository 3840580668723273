import * as logs from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { z } from 'zod';
import {
  DEFAULT_CACHE_FRESH_SECONDS,
  DEFAULT_CACHE_MAX_STALE_SECONDS,
  MAX_LIVE_LOOKUP_DEADLINE_MS,
  MAX_TOKEN_CACHE_TTL_SECONDS,
} from '../functions/resources/runtime-limits.ts';
import {
  DEFAULT_TENANT_USAGE_PLAN,
  QUOTA_PERIODS,
  type TenantUsagePlan,
} from '../functions/resources/tenant-usage-plan.ts';

/**
 * What a deployment may tune, read from CDK context (`cdk.json` or `-c key=value`), validated
 * once; a bad value stops synth naming the key. Everything here has a production-sensible
 * default, so `npm run synth` works from a fresh clone.
 */
export const CONTEXT_PREFIX = 'waContactProfile';

/**
 * Template tests set this context key: functions get inline placeholder code instead of an
 * esbuild bundle, so each test file synthesizes in seconds. `npm run synth` never sets it.
 */
export const INLINE_FUNCTION_CODE_CONTEXT = `${CONTEXT_PREFIX}:inlineFunctionCode`;

/** CPU units to the memory sizes (MiB) Fargate accepts with them. */
const FARGATE_MEMORY_BY_CPU: Record<number, readonly number[]> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16_384, 1024),
  4096: range(8192, 30_720, 1024),
  8192: range(16_384, 61_440, 4096),
  16384: range(32_768, 122_880, 8192),
};

function range(from: number, to: number, step: number): number[] {
  return Array.from({ length: (to - from) / step + 1 }, (_, index) => from + index * step);
}

/** The retention periods CloudWatch Logs accepts. */
const LOG_RETENTION_DAYS = Object.values(logs.RetentionDays).filter(
  (value): value is number => typeof value === 'number' && value > 0,
);

const deploymentSettingsSchema = z
  .object({
    /** Prefix of every stack name; reply queue names derive from it. */
    appName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,39}$/, 'letters, digits and dashes, at most 40 characters')
      .default('WaContactProfile'),
    /** Session shards: one request queue each; the worker holds a lease per shard. */
    shardCount: z.coerce.number().int().min(1).max(64).default(1),
    /** Worker tasks; each takes free shard leases, so at most one task serves a shard. */
    workerTaskCount: z.coerce.number().int().min(0).max(64).default(1),
    workerCpu: z.coerce.number().int().default(512),
    workerMemoryMiB: z.coerce.number().int().default(1024),
    /** Seconds the authorizer keeps a validated token in its own memory (it refuses more). */
    tokenCacheTtlSeconds: z.coerce
      .number()
      .int()
      .nonnegative()
      .max(
        MAX_TOKEN_CACHE_TTL_SECONDS,
        `at most ${MAX_TOKEN_CACHE_TTL_SECONDS} (the authorizer's limit)`,
      )
      .default(MAX_TOKEN_CACHE_TTL_SECONDS),
    /**
     * The profile function's own deadline for a live lookup (API Gateway stops at 29 s). A whole
     * number of seconds: the function's timeout is this plus 5 s, and Lambda counts in seconds.
     */
    liveLookupDeadlineMs: z.coerce
      .number()
      .int()
      .min(1000)
      .max(
        MAX_LIVE_LOOKUP_DEADLINE_MS,
        `at most ${MAX_LIVE_LOOKUP_DEADLINE_MS} (API Gateway stops at 29 s)`,
      )
      .multipleOf(1000, 'a whole number of seconds, in milliseconds (e.g. 10000)')
      .default(10_000),
    /** A cached profile younger than this is served as a HIT. */
    cacheFreshSeconds: z.coerce.number().int().positive().default(DEFAULT_CACHE_FRESH_SECONDS),
    /** A stale profile may still be served (STALE) up to this age when a live lookup fails. */
    cacheMaxStaleSeconds: z.coerce
      .number()
      .int()
      .positive()
      .default(DEFAULT_CACHE_MAX_STALE_SECONDS),
    /** Reply queues unused for this long are deleted by the sweeper. */
    replyQueueIdleSeconds: z.coerce.number().int().min(900).default(3600),
    replyQueueSweepMinutes: z.coerce.number().int().min(1).default(15),
    /** Stage-wide API Gateway throttling (requests per second, burst). */
    apiThrottleRateLimit: z.coerce.number().positive().default(50),
    apiThrottleBurstLimit: z.coerce.number().int().positive().default(100),
    /** Each tenant's usage plan throttle: steady requests per second, and burst. */
    tenantThrottleRateLimit: z.coerce
      .number()
      .positive()
      .default(DEFAULT_TENANT_USAGE_PLAN.throttleRateLimit),
    tenantThrottleBurstLimit: z.coerce
      .number()
      .int()
      .positive()
      .default(DEFAULT_TENANT_USAGE_PLAN.throttleBurstLimit),
    /** Requests each tenant may make per quota period; 0 turns the quota off. */
    tenantQuotaLimit: z.coerce
      .number()
      .int()
      .nonnegative()
      .default(DEFAULT_TENANT_USAGE_PLAN.quota.limit),
    tenantQuotaPeriod: z.enum(QUOTA_PERIODS).default(DEFAULT_TENANT_USAGE_PLAN.quota.period),
    /**
     * Requests one client IP address may send in any 5 minutes before a WAF web ACL blocks it;
     * absent (the default): no web ACL, which costs a monthly fee even at rest.
     */
    wafRateLimitPer5Minutes: z.coerce.number().int().min(10).max(2_000_000_000).optional(),
    /**
     * Reserved concurrency of the contacts HTTP function: a ceiling, so a flood of lookups
     * cannot take every execution of the account from the session, authorizer and direct
     * functions. Absent by default: a reservation must leave 100 unreserved executions, more
     * than a new account's concurrency quota allows.
     */
    contactsReservedConcurrency: z.coerce.number().int().min(1).optional(),
    logRetentionDays: z.coerce
      .number()
      .int()
      .refine((days) => LOG_RETENTION_DAYS.includes(days), {
        message: `one of CloudWatch's retention periods: ${LOG_RETENTION_DAYS.join(', ')}`,
      })
      .default(30),
    /**
     * Also deploy the examples stack (a Step Functions state machine calling the profile
     * function): `-c waContactProfile:examples=true`. Off by default.
     */
    examples: z
      .union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')])
      .default(false),
    /** Optional e-mail address subscribed to the alarm topic. */
    alarmEmail: z.email().optional(),
  })
  .superRefine((settings, context) => {
    const memory = FARGATE_MEMORY_BY_CPU[settings.workerCpu];
    if (!memory) {
      context.addIssue({
        code: 'custom',
        path: ['workerCpu'],
        message: `one of Fargate's CPU sizes: ${Object.keys(FARGATE_MEMORY_BY_CPU).join(', ')}`,
      });
    } else if (!memory.includes(settings.workerMemoryMiB)) {
      context.addIssue({
        code: 'custom',
        path: ['workerMemoryMiB'],
        message: `with workerCpu ${settings.workerCpu}, Fargate accepts ${memory.join(', ')} MiB`,
      });
    }
    if (settings.cacheMaxStaleSeconds < settings.cacheFreshSeconds) {
      context.addIssue({
        code: 'custom',
        path: ['cacheMaxStaleSeconds'],
        message: `at least cacheFreshSeconds (${settings.cacheFreshSeconds}): a profile is stale only once it is no longer fresh`,
      });
    }
  });

export type DeploymentSettings = z.infer<typeof deploymentSettingsSchema>;

/** The usage plan the settings describe, in the shape the local gateway also enforces. */
export function tenantUsagePlanOf(settings: DeploymentSettings): TenantUsagePlan {
  return {
    throttleRateLimit: settings.tenantThrottleRateLimit,
    throttleBurstLimit: settings.tenantThrottleBurstLimit,
    ...(settings.tenantQuotaLimit === 0
      ? {}
      : { quota: { limit: settings.tenantQuotaLimit, period: settings.tenantQuotaPeriod } }),
  };
}

export function readDeploymentSettings(node: Node): DeploymentSettings {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(deploymentSettingsSchema.shape)) {
    const value = node.tryGetContext(`${CONTEXT_PREFIX}:${key}`);
    if (value !== undefined) raw[key] = value;
  }
  const result = deploymentSettingsSchema.safeParse(raw, { reportInput: false });
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${CONTEXT_PREFIX}:${issue.path.join('.')}: ${issue.message}`,
  );
  throw new Error(`Invalid CDK context: ${problems.join('; ')}`);
}
