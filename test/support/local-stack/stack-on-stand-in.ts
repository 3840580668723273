import type { LocalStack } from '../../../functions/local/local-stack.ts';
import { startWebhookReceiver } from '../webhooks/webhook-receiver.ts';
import {
  startWhatsAppServerStandIn,
  type WhatsAppServerStandIn,
} from '../whatsapp/server-stand-in.ts';
import { killLocalStack, startLocalStackOnStandIn } from './local-stack-with-token.ts';
import { setTenantWebhook } from './tenant-webhook.ts';

/** The local stack whose worker talks to the WhatsApp stand-in, its events on a webhook. */
export interface StackOnStandIn {
  whatsApp: WhatsAppServerStandIn;
  stack: LocalStack;
  /** acme/alice's live token. */
  alice: string;
  receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  /** The `data` of every `session.status` event the webhook received, signatures verified, in order. */
  statuses(): Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/**
 * Starts the WhatsApp stand-in, a tenant's webhook receiver and the local stack on the stand-in
 * (startLocalStackOnStandIn), and sets acme's webhook with an admin token.
 */
export async function startStackOnStandIn(): Promise<StackOnStandIn> {
  const whatsApp = await startWhatsAppServerStandIn();
  const receiver = await startWebhookReceiver();
  const started = await startLocalStackOnStandIn(whatsApp);
  const { stack, token } = started;
  const secret = await setTenantWebhook(started, receiver.url);
  return {
    whatsApp,
    stack,
    alice: token,
    receiver,
    statuses: () =>
      receiver.deliveries
        .map((delivery) => receiver.verified(delivery, secret))
        .filter((event) => event.type === 'session.status')
        .map((event) => event.data),
    async stop() {
      await killLocalStack(stack);
      await whatsApp.stop();
      await receiver.close();
    },
  };
}
