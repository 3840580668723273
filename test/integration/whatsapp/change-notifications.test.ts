import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactChangedEventSchema } from '../../../functions/api/event-bodies.ts';
import type { LocalStack } from '../../../functions/local/local-stack.ts';
import { callApi } from '../../support/http/api-client.ts';
import {
  killLocalStack,
  startLocalStackOnStandIn,
} from '../../support/local-stack/local-stack-with-token.ts';
import { setTenantWebhook } from '../../support/local-stack/tenant-webhook.ts';
import { startWebhookReceiver } from '../../support/webhooks/webhook-receiver.ts';
import {
  startWhatsAppServerStandIn,
  type WhatsAppServerStandIn,
} from '../../support/whatsapp/server-stand-in.ts';
import {
  aboutChanged,
  acksFor,
  deviceListChanged,
  pictureChanged,
  pushToCompanion,
} from '../../support/whatsapp/stand-in-contact-changes.ts';

const ACCOUNT = { jid: '5511987650000@s.whatsapp.net' };
/** What the stand-in answers for every contact's lookup. */
const LOOKED_UP = { PictureID: '1700000001', Status: 'Loopback status' };

/**
 * WhatsApp's change notifications, pushed by the stand-in to the session the local stack's
 * worker serves through a real Baileys socket: the cache stays true without `refresh=true` and
 * the tenant's webhook hears of each change once; a contact the session never cached is left
 * alone.
 */
describe('change notifications keep the cache true (WhatsApp stand-in, local stack)', () => {
  let whatsApp: WhatsAppServerStandIn;
  let stack: LocalStack;
  let alice: string;
  let companion: string;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let secret: string;
  let contactSeq = 0;
  let sentinel: string;
  let sentinelSeq = 0;

  const nextContact = () => `55219${String(60_000_000 + ++contactSeq)}@s.whatsapp.net`;
  const profileOf = (jid: string) =>
    callApi(stack.url, `/contacts/profile?jid=${encodeURIComponent(jid)}`, { token: alice });
  const contactEvents = (jid: string) =>
    receiver.deliveries
      .map((delivery) => receiver.verified(delivery, secret))
      .filter((event) => event.type === 'contact.changed' && event.data.jid === jid)
      // Each is the body the OpenAPI document describes.
      .map((event) => contactChangedEventSchema.parse(event));

  beforeAll(async () => {
    whatsApp = await startWhatsAppServerStandIn();
    receiver = await startWebhookReceiver();
    const started = await startLocalStackOnStandIn(whatsApp);
    ({ stack, token: alice } = started);
    secret = await setTenantWebhook(started, receiver.url);
    const pair = await callApi(stack.url, '/session/pair', { token: alice, method: 'POST' });
    companion = (await whatsApp.scanQr(pair.body.data.qr, ACCOUNT)).companion;
    await receiver.waitFor(() =>
      receiver.deliveries.some(
        (delivery) => receiver.verified(delivery, secret).data.status === 'paired',
      ),
    );
    sentinel = nextContact();
    await profileOf(sentinel);
  }, 60_000);

  /**
   * Waits until the session handled everything pushed so far: its socket hands changes over in
   * arrival order, so once a change pushed last (to a cached contact) is told, every earlier
   * one was applied, and told, or not.
   */
  const settled = async () => {
    sentinelSeq += 1;
    pushToCompanion(whatsApp, companion, aboutChanged(sentinel, `sentinel ${sentinelSeq}`));
    await receiver.waitFor(() =>
      contactEvents(sentinel).some(
        (event) => event.data.user_info?.Status === `sentinel ${sentinelSeq}`,
      ),
    );
    // The webhook deliveries of the earlier events were queued before the sentinel's.
    await new Promise((resolve) => setTimeout(resolve, 200));
  };

  afterAll(async () => {
    await killLocalStack(stack);
    await whatsApp?.stop();
    await receiver?.close();
  });

  it('serves the new PictureID from the cache after a picture notification, and signs one contact.changed', async () => {
    // prepare: the contact is cached, its picture URL too
    const contact = nextContact();
    const first = await profileOf(contact);
    const picturePath = `/contacts/profile-picture?jid=${encodeURIComponent(contact)}`;
    await callApi(stack.url, picturePath, { token: alice });

    // act: the contact sets a new picture
    const id = pushToCompanion(whatsApp, companion, pictureChanged(contact, '1700000777'));
    await receiver.waitFor(() => contactEvents(contact).length > 0);
    const after = await profileOf(contact);
    const picture = await callApi(stack.url, picturePath, { token: alice });
    await settled();

    // assert
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(first.body.data.user_info.PictureID).toBe(LOOKED_UP.PictureID);
    expect(after.headers.get('x-cache')).toBe('HIT');
    expect(after.body.data.user_info.PictureID).toBe('1700000777');
    expect(picture.headers.get('x-cache')).toBe('MISS');
    expect(contactEvents(contact).map((event) => event.data)).toEqual([
      {
        tenant: 'acme',
        user: 'alice',
        jid: contact,
        changed: ['PictureID'],
        user_info: { PictureID: '1700000777' },
      },
    ]);
    expect(acksFor(whatsApp, companion, id).map((ack) => ack.attrs)).toEqual([
      expect.objectContaining({ class: 'notification', type: 'picture', to: contact }),
    ]);
  }, 30_000);

  it('serves the new about text from the cache after a status notification, and signs one contact.changed', async () => {
    // prepare
    const contact = nextContact();
    await profileOf(contact);

    // act
    pushToCompanion(whatsApp, companion, aboutChanged(contact, 'Gone fishing 🎣'));
    await receiver.waitFor(() => contactEvents(contact).length > 0);
    const after = await profileOf(contact);
    await settled();

    // assert
    expect(after.headers.get('x-cache')).toBe('HIT');
    expect(after.body.data.user_info.Status).toBe('Gone fishing 🎣');
    expect(after.body.data.user_info.PictureID).toBe(LOOKED_UP.PictureID);
    expect(contactEvents(contact).map((event) => event.data)).toEqual([
      {
        tenant: 'acme',
        user: 'alice',
        jid: contact,
        changed: ['Status'],
        user_info: { Status: 'Gone fishing 🎣' },
      },
    ]);
  }, 30_000);

  it('marks the entry stale after a device-list notification, so the next read asks WhatsApp again', async () => {
    // prepare
    const contact = nextContact();
    await profileOf(contact);
    const cached = await profileOf(contact);

    // act
    pushToCompanion(whatsApp, companion, deviceListChanged(contact, 'add', 7));
    await receiver.waitFor(() => contactEvents(contact).length > 0);
    const after = await profileOf(contact);

    // assert
    expect(cached.headers.get('x-cache')).toBe('HIT');
    expect(after.headers.get('x-cache')).not.toBe('HIT');
    expect(contactEvents(contact).map((event) => event.data)).toEqual([
      { tenant: 'acme', user: 'alice', jid: contact, changed: ['Devices'] },
    ]);
  }, 30_000);

  it('changes nothing and emits nothing for a contact the session never cached', async () => {
    // prepare: a contact nobody looked up
    const contact = nextContact();
    const before = receiver.deliveries.length;

    // act: WhatsApp tells of its picture and its about text
    const ids = [
      pushToCompanion(whatsApp, companion, pictureChanged(contact, '1700000888')),
      pushToCompanion(whatsApp, companion, aboutChanged(contact, 'new here')),
    ];
    await whatsApp.waitUntil(() => ids.every((id) => acksFor(whatsApp, companion, id).length > 0));
    await settled();
    const item = await stack.dynamoDb.send(
      new GetItemCommand({
        TableName: stack.resources.cacheTableName,
        Key: { sessionKey: { S: 'acme#alice' }, contactKey: { S: `jid#${contact}` } },
      }),
    );

    // assert
    expect(item.Item).toBeUndefined();
    expect(
      receiver.deliveries
        .slice(before)
        .map((delivery) => receiver.verified(delivery, secret).data.jid),
    ).toEqual([sentinel]);
    expect(ids.map((id) => acksFor(whatsApp, companion, id).length)).toEqual([1, 1]);
  }, 30_000);
});
