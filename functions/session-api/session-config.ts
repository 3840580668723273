import { sessionEventsConfigShape } from '../adapters/wire-session-events.ts';
import * as z from '../domain/validation/zod-mini.ts';
import { environmentValues, parseEnvironment } from '../platform/parse-environment.ts';
import {
  DEFAULT_PAIRING_ATTEMPTS_PER_HOUR,
  DEFAULT_PAIRING_FIRST_CODE_WAIT_MS,
  DEFAULT_PAIRING_TIME_LIMIT_SECONDS,
  DEFAULT_SESSION_COMMAND_DEADLINE_MS,
  MAX_LIVE_LOOKUP_DEADLINE_MS,
  MAX_PAIRING_FIRST_CODE_WAIT_MS,
  REPLY_QUEUE_NAME_PREFIX_PATTERN,
} from '../resources/runtime-limits.ts';

/**
 * The session API (GET/DELETE /session, POST /session/pair) and the session CLI, which runs
 * the same use cases: the sessions table and the worker tier's session-command queues, plus the pairing limits
 * (the same defaults on AWS and locally; tests set shorter ones explicitly).
 */
export const sessionConfigSchema = z.object({
  SESSIONS_TABLE_NAME: environmentValues.name,
  /** The session-command queue per shard (index = shard): pair and logout, nothing else. */
  SESSION_COMMAND_QUEUE_URLS: environmentValues.urlList,
  REPLY_QUEUE_NAME_PREFIX: z.string().check(z.regex(REPLY_QUEUE_NAME_PREFIX_PATTERN)),
  PAIRING_TIME_LIMIT_SECONDS: z._default(
    environmentValues.positiveInt.check(z.maximum(3600)),
    DEFAULT_PAIRING_TIME_LIMIT_SECONDS,
  ),
  PAIRING_ATTEMPTS_PER_HOUR: z._default(
    environmentValues.positiveInt,
    DEFAULT_PAIRING_ATTEMPTS_PER_HOUR,
  ),
  PAIRING_FIRST_CODE_WAIT_MS: z._default(
    environmentValues.positiveInt.check(z.maximum(MAX_PAIRING_FIRST_CODE_WAIT_MS)),
    DEFAULT_PAIRING_FIRST_CODE_WAIT_MS,
  ),
  SESSION_COMMAND_DEADLINE_MS: z._default(
    environmentValues.positiveInt.check(z.maximum(MAX_LIVE_LOOKUP_DEADLINE_MS)),
    DEFAULT_SESSION_COMMAND_DEADLINE_MS,
  ),
  /** A claimed pairing attempt and an abandoned one's end are `session.status` events. */
  ...sessionEventsConfigShape,
});

export type SessionConfig = z.output<typeof sessionConfigSchema>;

export function readSessionConfig(environment: NodeJS.ProcessEnv = process.env): SessionConfig {
  return parseEnvironment(sessionConfigSchema, environment);
}
