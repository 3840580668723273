import * as z from '../domain/validation/zod-mini.ts';
import { environmentValues, parseEnvironment } from '../platform/parse-environment.ts';
import { REPLY_QUEUE_NAME_PREFIX_PATTERN } from '../resources/runtime-limits.ts';

export const sweeperConfigSchema = z.object({
  // Never empty: an empty prefix would list, and could delete, every queue in the account.
  REPLY_QUEUE_NAME_PREFIX: z.string().check(z.regex(REPLY_QUEUE_NAME_PREFIX_PATTERN)),
  REPLY_QUEUE_IDLE_SECONDS: environmentValues.positiveInt,
});

export type SweeperConfig = z.output<typeof sweeperConfigSchema>;

export function readSweeperConfig(environment: NodeJS.ProcessEnv = process.env) {
  return parseEnvironment(sweeperConfigSchema, environment);
}
