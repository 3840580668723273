import type { SecretSealer } from '../../../functions/ports/secret-sealer.ts';
import type {
  WebhookAttemptResult,
  WebhookSender,
} from '../../../functions/ports/webhook-sender.ts';
import type { WebhookRecord, WebhookStore } from '../../../functions/ports/webhook-store.ts';
import type { EventEnvelope } from '../../../functions/resources/event-definitions.ts';

/** The webhook store port in memory. */
export class InMemoryWebhookStore implements WebhookStore {
  readonly records = new Map<string, WebhookRecord>();
  async get(tenantId: string) {
    return this.records.get(tenantId) ?? null;
  }
  async put(record: WebhookRecord) {
    this.records.set(record.tenantId, record);
  }
  async delete(tenantId: string) {
    return this.records.delete(tenantId);
  }
}

/** Seals as `sealed:<tenant>:<secret>` and refuses to open another tenant's: as strict as KMS's context. */
export const taggingSealer: SecretSealer = {
  seal: async (secret, tenantId) => `sealed:${tenantId}:${secret}`,
  open: async (sealed, tenantId) => {
    const prefix = `sealed:${tenantId}:`;
    if (!sealed.startsWith(prefix)) throw new Error('InvalidCiphertextException');
    return sealed.slice(prefix.length);
  },
};

type Answer = (url: string) => WebhookAttemptResult | Promise<WebhookAttemptResult>;

/** Records every request; answers each by its URL (a result, or a promise of one). */
export class RecordingWebhookSender implements WebhookSender {
  readonly requests: { url: string; body: string; headers: Record<string, string>; at: number }[] =
    [];
  readonly #answer: Answer;
  constructor(answer: Answer = () => ({ kind: 'answered', status: 204 })) {
    this.#answer = answer;
  }
  async send(request: { url: string; body: string; headers: Record<string, string> }) {
    this.requests.push({ ...request, at: Date.now() });
    return this.#answer(request.url);
  }
}

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

export function sessionStatusEnvelope(tenant: string, id = `evt-${tenant}`): EventEnvelope {
  return {
    id,
    'detail-type': 'session.status',
    source: 'wa-contact-profile',
    time: '2026-12-08T00:00:00Z',
    detail: {
      tenant,
      user: 'alice',
      status: 'paired',
      previous_status: 'pairing',
      reason: 'paired',
      jid: '5511999999999@s.whatsapp.net',
    },
  };
}

export function webhookRecord(tenantId: string, url = `https://${tenantId}.example/hook`) {
  return {
    tenantId,
    url,
    events: ['session.status'],
    sealedSecret: `sealed:${tenantId}:${SECRET}`,
    updatedAt: '2026-12-08T00:00:00.000Z',
  };
}

/** A webhook store already holding one webhook (see webhookRecord) for each tenant named. */
export async function webhookStoreHolding(...tenantIds: string[]): Promise<InMemoryWebhookStore> {
  const webhooks = new InMemoryWebhookStore();
  for (const tenantId of tenantIds) await webhooks.put(webhookRecord(tenantId));
  return webhooks;
}
