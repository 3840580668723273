import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { checkedAddress } from '../../adapters/http-webhook-sender.ts';
import { ValidationError } from '../../domain/errors/app-errors.ts';
import { parseWebhookUrl, type WebhookTargetPolicy } from '../../domain/webhook/webhook-target.ts';
import type { SecretSealer } from '../../ports/secret-sealer.ts';
import type { WebhookStore } from '../../ports/webhook-store.ts';
import { WEBHOOK_EVENT_TYPES } from '../../resources/event-definitions.ts';

type Resolve = (host: string) => Promise<{ address: string; family: number }[]>;

/**
 * PUT /admin/webhook: sets (or replaces) the tenant's webhook with a new signing secret, in
 * Standard Webhooks' form (`whsec_` and 32 random bytes in base64), shown in this answer only
 * and stored sealed. The URL is checked now (scheme, and every address the host resolves to)
 * and again at every delivery, after DNS.
 */
export function createSetWebhook(dependencies: {
  webhooks: WebhookStore;
  sealer: SecretSealer;
  policy: WebhookTargetPolicy;
  resolve?: Resolve;
  now?: () => Date;
}) {
  const now = dependencies.now ?? (() => new Date());
  return async (tenantId: string, input: { url: string; events?: string[] | undefined }) => {
    const url = parseWebhookUrl(input.url, dependencies.policy);
    const target = await checkedAddress(
      url,
      dependencies.policy,
      dependencies.resolve ?? ((host) => lookup(host, { all: true, verbatim: true })),
    );
    if ('reason' in target) throw new ValidationError(`url refused: ${target.reason}`);
    const events = input.events ? [...new Set(input.events)] : [...WEBHOOK_EVENT_TYPES];
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    await dependencies.webhooks.put({
      tenantId,
      url: url.href,
      events,
      sealedSecret: await dependencies.sealer.seal(secret, tenantId),
      updatedAt: now().toISOString(),
    });
    return { url: url.href, events, secret };
  };
}

export type SetWebhook = ReturnType<typeof createSetWebhook>;
