import * as z from 'zod';
import * as zm from 'zod/mini';
import {
  DEFAULT_CACHE_FRESH_SECONDS,
  environmentValues,
  parseEnvironment,
} from '../shared/config/parse-environment.ts';
import { DEMO_DIRECTORY_FILE } from './offline-directory.ts';
import { baileysEnvironmentShape } from './whatsapp/baileys-directory-config.ts';

export function readWorkerConfig(environment: NodeJS.ProcessEnv = process.env) {
  return parseEnvironment(
    {
      CACHE_TABLE_NAME: environmentValues.name,
      SESSIONS_TABLE_NAME: environmentValues.name,
      /** One request queue per shard, index = shard; its length is the shard count. */
      REQUEST_QUEUE_URLS: environmentValues.urlList,
      /** Differs between a laptop and AWS, so it has no default. */
      /** `auto`: paired sessions from WhatsApp, unpaired ones from the offline directory. */
      WA_BACKEND: z.enum(['offline', 'baileys', 'auto']),
      WARMUP_QUEUE_URL: environmentValues.url,
      /** Warm-ups skip contacts cached more recently than this (the API's freshness). */
      CACHE_FRESH_SECONDS: zm._default(environmentValues.positiveInt, DEFAULT_CACHE_FRESH_SECONDS),
      WA_DIRECTORY_FILE: z.string().min(1).default(DEMO_DIRECTORY_FILE),
      CACHE_MAX_STALE_SECONDS: zm._default(environmentValues.positiveInt, 7 * 24 * 3600),
      WORKER_MAX_IN_FLIGHT: zm._default(environmentValues.positiveInt, 32),
      LEASE_DURATION_MS: zm._default(environmentValues.positiveInt, 15_000),
      LEASE_RENEW_INTERVAL_MS: zm._default(environmentValues.positiveInt, 5_000),
      LATE_REQUEST_MAX_AGE_MS: zm._default(environmentValues.nonNegativeInt, 5 * 60_000),
      WORKER_ID: z.string().min(1).optional(),
      /** The `service` dimension of the heartbeat metric the "worker missing" alarm watches. */
      POWERTOOLS_SERVICE_NAME: z.string().min(1).default('session-worker'),
      ...baileysEnvironmentShape,
    },
    environment,
  );
}

export type WorkerConfig = ReturnType<typeof readWorkerConfig>;
