import { createApiToken } from '../../../functions/cli/api-token-commands.ts';
import type { LocalStack } from '../../../functions/local/local-stack.ts';
import { callApi } from '../http/api-client.ts';
import { startWebhookReceiver } from '../webhooks/webhook-receiver.ts';
import {
  startWhatsAppServerStandIn,
  type WhatsAppServerStandIn,
} from '../whatsapp/server-stand-in.ts';
import { killLocalStack, startLocalStackOnStandIn } from './local-stack-with-token.ts';

/** The local stack whose worker talks to the WhatsApp stand-in, its events on a webhook. */
export interface StackOnStandIn {
  whatsApp: WhatsAppServerStandIn;
  stack: LocalStack;
  /** acme/alice's live token. */
  alice: string;
  receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  /** The `data` of every event the webhook received, signatures verified, in order. */
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
  const { stack, token, tokens } = await startLocalStackOnStandIn(whatsApp);
  const admin = await createApiToken(tokens, { tenantId: 'acme', userId: 'boss', role: 'admin' });
  const set = await callApi(stack.url, '/admin/webhook', {
    token: admin.token,
    method: 'PUT',
    body: JSON.stringify({ url: receiver.url }),
  });
  const secret: string = set.body.data.secret;
  return {
    whatsApp,
    stack,
    alice: token,
    receiver,
    statuses: () => receiver.deliveries.map((delivery) => receiver.verified(delivery, secret).data),
    async stop() {
      await killLocalStack(stack);
      await whatsApp.stop();
      await receiver.close();
    },
  };
}
