import { webhookSettingsConfigShape } from '../adapters/wire-webhook-settings.ts';
import * as z from '../domain/validation/zod-mini.ts';
import { environmentValues, parseEnvironment } from '../platform/parse-environment.ts';

/** The admin function: the tenant's tokens, its sessions' status and its webhook. */
export const adminConfigSchema = z.object({
  TOKENS_TABLE_NAME: environmentValues.name,
  SESSIONS_TABLE_NAME: environmentValues.name,
  ...webhookSettingsConfigShape,
});

export type AdminConfig = z.output<typeof adminConfigSchema>;

export function readAdminConfig(environment: NodeJS.ProcessEnv = process.env): AdminConfig {
  return parseEnvironment(adminConfigSchema, environment);
}
