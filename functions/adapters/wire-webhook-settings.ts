import * as z from '../domain/validation/zod-mini.ts';
import { createKmsClient } from '../platform/optional-aws-clients.ts';
import { environmentValues } from '../platform/parse-environment.ts';
import type { SecretSealer } from '../ports/secret-sealer.ts';
import { KmsSecretSealer } from './kms-secret-sealer.ts';
import { LocalKeySecretSealer } from './local-key-secret-sealer.ts';

/**
 * What both webhook runtimes (the admin API sets it, the delivery function reads it) need:
 * the webhooks table, the sealing key (a KMS key on AWS, LOCAL_SECRET_KEY in the local stack)
 * and whether `http` to loopback is allowed (the local stack only).
 */
export const webhookSettingsConfigShape = {
  WEBHOOKS_TABLE_NAME: environmentValues.name,
  WEBHOOK_SECRET_KEY_ID: z.optional(environmentValues.name),
  LOCAL_SECRET_KEY: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
  WEBHOOK_ALLOW_LOOPBACK_HTTP: z._default(z.enum(['true', 'false']), 'false'),
};

export interface WebhookSettingsConfig {
  WEBHOOK_SECRET_KEY_ID?: string | undefined;
  LOCAL_SECRET_KEY?: string | undefined;
}

export function wireSecretSealer(config: WebhookSettingsConfig): SecretSealer {
  if (config.WEBHOOK_SECRET_KEY_ID) {
    return new KmsSecretSealer({ client: createKmsClient(), keyId: config.WEBHOOK_SECRET_KEY_ID });
  }
  if (config.LOCAL_SECRET_KEY) return new LocalKeySecretSealer({ keyHex: config.LOCAL_SECRET_KEY });
  throw new Error('Configuration error: WEBHOOK_SECRET_KEY_ID is not set');
}
