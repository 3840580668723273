import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { type SessionsTable, startSessionsTable } from '../../support/aws/sessions-table.ts';
import {
  type EncryptedTraffic,
  encryptedTraffic,
  type TrafficMix,
} from '../../support/whatsapp/encrypted-traffic.ts';
import { linkedServingSession } from '../../support/whatsapp/linked-device.ts';
import {
  startWhatsAppServerStandIn,
  trustTestRootKey,
  type WhatsAppServerStandIn,
} from '../../support/whatsapp/server-stand-in.ts';

const logger = new Logger({
  serviceName: 'test',
  logLevel: (process.env.T_LOG as 'WARN') ?? 'SILENT',
});
const ONLY = (kind: keyof TrafficMix): TrafficMix => ({
  'one-to-one': 0,
  group: 0,
  status: 0,
  broadcast: 0,
  channel: 0,
  [kind]: 1,
});

let stop: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const each of stop.reverse()) await each();
  stop = [];
});

/** A linked session of the worker's real code on a stand-in sending encrypted messages. */
async function sessionReceiving(mix: TrafficMix, contactsPerCompanion = 2) {
  const traffic = encryptedTraffic({ contactsPerCompanion, mix });
  const table: SessionsTable = await startSessionsTable();
  const whatsApp: WhatsAppServerStandIn = await startWhatsAppServerStandIn({ traffic });
  const untrust = trustTestRootKey(whatsApp.rootPublicKey);
  const { session } = await linkedServingSession(table, whatsApp, {
    identity: { tenantId: 't', userId: 'receiver' },
    meId: '5511987650001:4@s.whatsapp.net',
    logger,
    backoff: { baseMs: 50, maxMs: 200 },
  });
  stop.push(
    () => table.stop(),
    () => whatsApp.stop(),
    async () => untrust(),
    () => session.close(),
  );
  await session.waitUntilOpen(AbortSignal.timeout(10_000), 10_000);
  return { traffic, whatsApp };
}

async function receive(
  traffic: EncryptedTraffic,
  whatsApp: WhatsAppServerStandIn,
  done: () => boolean,
) {
  // One message every 50 ms to the one session.
  whatsApp.setMessagesPerMinute(1_200);
  await whatsApp.waitUntil(done, 15_000);
  whatsApp.setMessagesPerMinute(0);
  return traffic.counts;
}

describe('stand-in encrypted messages', () => {
  it('sends one-to-one messages the worker decrypts: pkmsg from a pre-key it uploaded, then msg', async () => {
    const { traffic, whatsApp } = await sessionReceiving(ONLY('one-to-one'));

    // Until the contacts send on the ratchet; then until every message sent is receipted.
    const counts = await receive(traffic, whatsApp, () => traffic.counts.byEncryption.msg >= 4);
    await whatsApp.waitUntil(() => counts.delivered + counts.retries >= counts.sent['one-to-one']);

    expect(counts.preKeysUploaded).toBeGreaterThanOrEqual(2);
    // Each contact's first message; more while the receipt that confirms the session is on its way.
    expect(counts.byEncryption.pkmsg).toBeGreaterThanOrEqual(2);
    expect(counts.retries).toBe(0);
    expect(counts.delivered).toBe(counts.byEncryption.pkmsg + counts.byEncryption.msg);
  });

  it('sends group messages with a sender-key distribution that the worker acks plainly, undecrypted', async () => {
    const { traffic, whatsApp } = await sessionReceiving(ONLY('group'));

    const counts = await receive(traffic, whatsApp, () => traffic.counts.acks >= 5);

    expect(counts.byEncryption.skmsg).toBeGreaterThanOrEqual(5);
    expect(counts.byEncryption.pkmsg).toBe(2);
    expect(counts.nacks).toBe(0);
    expect(counts.delivered + counts.retries).toBe(0);
  });

  it('acks status, broadcast-list and channel messages plainly', async () => {
    const { traffic, whatsApp } = await sessionReceiving({
      ...ONLY('status'),
      broadcast: 1,
      channel: 1,
    });

    const counts = await receive(traffic, whatsApp, () => traffic.counts.acks >= 9);

    expect(counts.sent.status * counts.sent.broadcast * counts.sent.channel).toBeGreaterThan(0);
    expect(counts.nacks).toBe(0);
    expect(counts.delivered + counts.retries).toBe(0);
  });
});
