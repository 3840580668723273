import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../functions/cli/api-token-commands.ts';
import type { LocalStack } from '../../../functions/local/local-stack.ts';
import { callApi } from '../../support/http/api-client.ts';
import {
  killLocalStack,
  type LocalStackWithToken,
  startLocalStackOnStandIn,
} from '../../support/local-stack/local-stack-with-token.ts';
import { startWebhookReceiver } from '../../support/webhooks/webhook-receiver.ts';
import {
  startWhatsAppServerStandIn,
  type WhatsAppServerStandIn,
} from '../../support/whatsapp/server-stand-in.ts';

const ACCOUNT = { jid: '5511987654321@s.whatsapp.net' };

/** The local stack's worker against the WhatsApp stand-in, a webhook receiving its events. */
describe('session.status events from a real Baileys socket (WhatsApp stand-in)', () => {
  let whatsApp: WhatsAppServerStandIn;
  let stack: LocalStack;
  let alice: string;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let secret: string;

  beforeAll(async () => {
    whatsApp = await startWhatsAppServerStandIn();
    receiver = await startWebhookReceiver();
    let tokens: LocalStackWithToken['tokens'];
    ({ stack, token: alice, tokens } = await startLocalStackOnStandIn(whatsApp));
    const admin = await createApiToken(tokens, { tenantId: 'acme', userId: 'boss', role: 'admin' });
    const set = await callApi(stack.url, '/admin/webhook', {
      token: admin.token,
      method: 'PUT',
      body: JSON.stringify({ url: receiver.url }),
    });
    secret = set.body.data.secret;
  }, 30_000);

  afterAll(async () => {
    await killLocalStack(stack);
    await whatsApp?.stop();
    await receiver?.close();
  });

  it('reports pairing, paired, and logged_out once when the phone unlinks the device', async () => {
    // prepare: Alice pairs by QR and her phone scans it
    const pair = await callApi(stack.url, '/session/pair', { token: alice, method: 'POST' });
    const linked = await whatsApp.scanQr(pair.body.data.qr, ACCOUNT);
    const statuses = () =>
      receiver.deliveries.map((delivery) => receiver.verified(delivery, secret).data);
    await receiver.waitFor(() => statuses().some((data) => data.status === 'paired'));

    // act: the phone removes the linked device
    const ended = whatsApp.unlinkDevice(linked.companion);
    await receiver.waitFor(() => statuses().some((data) => data.status === 'logged_out'));
    // Anything reported twice would arrive within this (deliveries take milliseconds here).
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const session = await callApi(stack.url, '/session', { token: alice });

    // assert
    expect(ended).toBe(1);
    expect(session.body.data.status).toBe('logged_out');
    expect(statuses().map((data) => [data.previous_status, data.status, data.reason])).toEqual([
      ['unpaired', 'pairing', 'pairing_started'],
      ['pairing', 'paired', 'paired'],
      ['paired', 'logged_out', 'unlinked_from_phone'],
    ]);
    expect(statuses()[1]).toMatchObject({ jid: ACCOUNT.jid });
    expect(JSON.stringify(statuses())).not.toContain(pair.body.data.qr);
  }, 60_000);
});
