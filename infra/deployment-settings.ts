import type { Node } from 'constructs';
import { z } from 'zod';
import { DEFAULT_CACHE_FRESH_SECONDS } from '../functions/platform/parse-environment.ts';

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

const deploymentSettingsSchema = z.object({
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
  /** Seconds the authorizer keeps a validated token in its own memory. */
  tokenCacheTtlSeconds: z.coerce.number().int().nonnegative().default(60),
  /** The profile function's own deadline for a live lookup (API Gateway stops at 29 s). */
  liveLookupDeadlineMs: z.coerce.number().int().min(1000).max(25_000).default(10_000),
  /** A cached profile younger than this is served as a HIT. */
  cacheFreshSeconds: z.coerce.number().int().positive().default(DEFAULT_CACHE_FRESH_SECONDS),
  /** A stale profile may still be served (STALE) up to this age when a live lookup fails. */
  cacheMaxStaleSeconds: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3600),
  /** Reply queues unused for this long are deleted by the sweeper. */
  replyQueueIdleSeconds: z.coerce.number().int().min(900).default(3600),
  replyQueueSweepMinutes: z.coerce.number().int().min(1).default(15),
  /** Stage-wide API Gateway throttling (requests per second, burst). */
  apiThrottleRateLimit: z.coerce.number().positive().default(50),
  apiThrottleBurstLimit: z.coerce.number().int().positive().default(100),
  logRetentionDays: z.coerce.number().int().positive().default(30),
  /**
   * Also deploy the examples stack (a Step Functions state machine calling the profile
   * function): `-c waContactProfile:examples=true`. Off by default.
   */
  examples: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')])
    .default(false),
  /** Optional e-mail address subscribed to the alarm topic. */
  alarmEmail: z.email().optional(),
});

export type DeploymentSettings = z.infer<typeof deploymentSettingsSchema>;

export function readDeploymentSettings(node: Node): DeploymentSettings {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(deploymentSettingsSchema.shape)) {
    const value = node.tryGetContext(`${CONTEXT_PREFIX}:${key}`);
    if (value !== undefined) raw[key] = value;
  }
  const result = deploymentSettingsSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${CONTEXT_PREFIX}:${issue.path.join('.')}: ${issue.message}`,
  );
  throw new Error(`Invalid CDK context: ${problems.join('; ')}`);
}
