import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../../support/http/api-client.ts';
import {
  type StackOnStandIn,
  startStackOnStandIn,
} from '../../support/local-stack/stack-on-stand-in.ts';

const ACCOUNT = { jid: '5511987654321@s.whatsapp.net' };

/** The local stack's worker against the WhatsApp stand-in, a webhook receiving its events. */
describe('session.status events from a real Baileys socket (WhatsApp stand-in)', () => {
  let running: StackOnStandIn;

  beforeAll(async () => {
    running = await startStackOnStandIn();
  }, 30_000);

  afterAll(async () => {
    await running?.stop();
  });

  it('reports pairing, paired, and logged_out once when the phone unlinks the device', async () => {
    // prepare: Alice pairs by QR and her phone scans it
    const { whatsApp, stack, alice, receiver, statuses } = running;
    const pair = await callApi(stack.url, '/session/pair', { token: alice, method: 'POST' });
    const linked = await whatsApp.scanQr(pair.body.data.qr, ACCOUNT);
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
