import * as z from 'zod';
import { environmentValues } from '../platform/parse-environment.ts';
import { REPLY_QUEUE_NAME_PREFIX_PATTERN } from '../resources/runtime-limits.ts';

/** The sweeper's environment (validated once at cold start by its handler). */
export const sweeperEnvironmentShape = {
  // Never empty: an empty prefix would list, and could delete, every queue in the account.
  REPLY_QUEUE_NAME_PREFIX: z.string().regex(REPLY_QUEUE_NAME_PREFIX_PATTERN),
  REPLY_QUEUE_IDLE_SECONDS: environmentValues.positiveInt,
};
