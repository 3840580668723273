import { sessionEventsConfigShape } from '../adapters/wire-session-events.ts';
import * as z from '../domain/validation/zod-mini.ts';
import { environmentValues, parseEnvironment } from '../platform/parse-environment.ts';
import {
  DEFAULT_CACHE_FRESH_SECONDS,
  DEFAULT_CACHE_MAX_STALE_SECONDS,
  REPLY_QUEUE_NAME_PREFIX_PATTERN,
} from '../resources/runtime-limits.ts';
import { baileysEnvironmentShape } from '../whatsapp/baileys-directory-config.ts';
import { DEMO_DIRECTORY_FILE } from '../whatsapp/offline-directory.ts';

const nonEmpty = () => z.string().check(z.minLength(1));

/** The worker's configuration; the CDK worker stack types the container's environment by it. */
export const workerConfigSchema = z.object({
  CACHE_TABLE_NAME: environmentValues.name,
  SESSIONS_TABLE_NAME: environmentValues.name,
  /** One request queue per shard, index = shard; its length is the shard count. */
  REQUEST_QUEUE_URLS: environmentValues.urlList,
  /** One session-command queue per shard (pair, logout), index = shard; as many as request queues. */
  SESSION_COMMAND_QUEUE_URLS: environmentValues.urlList,
  /**
   * The deployment's reply-queue name prefix: a message's `replyQueueUrl` must name a queue
   * under it, in the account and region of the request queues.
   */
  REPLY_QUEUE_NAME_PREFIX: z.string().check(z.regex(REPLY_QUEUE_NAME_PREFIX_PATTERN)),
  /**
   * `auto`: paired sessions from WhatsApp, unpaired ones from the offline directory. Differs
   * between a laptop and AWS, so it has no default.
   */
  WA_BACKEND: z.enum(['offline', 'baileys', 'auto']),
  WARMUP_QUEUE_URL: environmentValues.url,
  /**
   * The key that seals the sessions' WhatsApp credentials: the credentials KMS key's ARN on AWS,
   * `file:<path>` of a 32-byte key locally. No default: a worker must never store keys unsealed.
   */
  CREDENTIALS_KEY: z
    .string()
    .check(
      z.regex(
        /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]+|file:\/.+)$/,
        'must be a KMS key ARN or file:<absolute path>',
      ),
    ),
  /** Warm-ups skip contacts cached more recently than this (the API's freshness). */
  CACHE_FRESH_SECONDS: z._default(environmentValues.positiveInt, DEFAULT_CACHE_FRESH_SECONDS),
  WA_DIRECTORY_FILE: z._default(nonEmpty(), DEMO_DIRECTORY_FILE),
  CACHE_MAX_STALE_SECONDS: z._default(
    environmentValues.positiveInt,
    DEFAULT_CACHE_MAX_STALE_SECONDS,
  ),
  WORKER_MAX_IN_FLIGHT: z._default(environmentValues.positiveInt, 32),
  LEASE_DURATION_MS: z._default(environmentValues.positiveInt, 15_000),
  LEASE_RENEW_INTERVAL_MS: z._default(environmentValues.positiveInt, 5_000),
  /**
   * How long a task's presence counts without a heartbeat (one per lease renewal); the live
   * tasks counted set each task's fair share of the shards.
   */
  WORKER_PRESENCE_DURATION_MS: z._default(environmentValues.positiveInt, 15_000),
  LATE_REQUEST_MAX_AGE_MS: z._default(environmentValues.nonNegativeInt, 5 * 60_000),
  WORKER_ID: z.optional(nonEmpty()),
  /** The `service` dimension of the heartbeat metric the "worker missing" alarm watches. */
  POWERTOOLS_SERVICE_NAME: z._default(nonEmpty(), 'session-worker'),
  ...baileysEnvironmentShape,
  ...sessionEventsConfigShape,
});

export function readWorkerConfig(environment: NodeJS.ProcessEnv = process.env) {
  const config = parseEnvironment(workerConfigSchema, environment);
  if (config.SESSION_COMMAND_QUEUE_URLS.length !== config.REQUEST_QUEUE_URLS.length) {
    throw new Error(
      'SESSION_COMMAND_QUEUE_URLS must name one queue per shard, as many as REQUEST_QUEUE_URLS',
    );
  }
  return config;
}

export type WorkerConfig = z.output<typeof workerConfigSchema>;
