import { webhookSettingsConfigShape } from '../adapters/wire-webhook-settings.ts';
import * as z from '../domain/validation/zod-mini.ts';
import { environmentValues, parseEnvironment } from '../platform/parse-environment.ts';
import { DEFAULT_WEBHOOK_RETRY_BASE_SECONDS } from './webhook-retry-schedule.ts';

/** The webhook delivery function (SQS event source: the delivery queue). */
export const webhookDeliveryConfigSchema = z.object({
  ...webhookSettingsConfigShape,
  /** The queue its events come from: a failed attempt's message is delayed there. */
  WEBHOOK_DELIVERY_QUEUE_URL: environmentValues.url,
  WEBHOOK_RETRY_BASE_SECONDS: z._default(
    environmentValues.positiveInt,
    DEFAULT_WEBHOOK_RETRY_BASE_SECONDS,
  ),
  /** One attempt's deadline (connect, TLS, answer): a slow endpoint holds nothing longer. */
  WEBHOOK_ATTEMPT_TIMEOUT_MS: z._default(
    environmentValues.positiveInt.check(z.maximum(10_000)),
    5_000,
  ),
});

export type WebhookDeliveryConfig = z.output<typeof webhookDeliveryConfigSchema>;

export function readWebhookDeliveryConfig(
  environment: NodeJS.ProcessEnv = process.env,
): WebhookDeliveryConfig {
  return parseEnvironment(webhookDeliveryConfigSchema, environment);
}
