import { describe, expect, it } from 'vitest';
import { contactProfileSchema } from '../../../functions/domain/contact/contact-profile.ts';
import type { ContactQuery } from '../../../functions/domain/contact/contact-query.ts';
import { NotFoundError } from '../../../functions/domain/errors/app-errors.ts';
import { childNode, nodeBytes } from '../../../functions/whatsapp/binary-node.ts';
import { parseContactLookupBatchReply } from '../../../functions/whatsapp/contact-lookup-query.ts';
import { fetchContactProfiles } from '../../../functions/whatsapp/fetch-contact-profiles.ts';
import { mapWhatsAppError } from '../../../functions/whatsapp/map-whatsapp-error.ts';
import { fakeWhatsApp, usyncUsers } from '../../support/whatsapp/fake-whatsapp.ts';
import { wireFixture } from '../../support/whatsapp/stanza-fixtures.ts';

let sid = 0;
const options = () => ({
  queryTimeoutMs: 1_000,
  signal: new AbortController().signal,
  nextSid: () => `sid-${++sid}`,
});

/** 30 numbers then 20 JIDs, all different contacts. */
function fiftyContacts(): ContactQuery[] {
  const numbers = Array.from({ length: 30 }, (_, i) => ({
    kind: 'number' as const,
    digits: `55119${String(10000000 + i)}`,
  }));
  const jids = Array.from({ length: 20 }, (_, i) => ({
    kind: 'jid' as const,
    jid: `1415555${String(1000 + i)}@s.whatsapp.net`,
  }));
  return [...numbers, ...jids];
}

const digitsOf = (contact: ContactQuery | undefined) =>
  contact?.kind === 'number' ? contact.digits : (contact?.jid.split('@')[0] ?? '');

describe('fetchContactProfiles', () => {
  it('asks WhatsApp about 50 uncached contacts in two usync queries: one contact lookup, one user info', async () => {
    const contacts = fiftyContacts();
    const whatsapp = fakeWhatsApp({ users: new Set(contacts.map(digitsOf)) });

    const results = await fetchContactProfiles(whatsapp.transport, contacts, options());

    const usyncs = whatsapp.usyncs();
    expect(usyncs).toHaveLength(2);
    const [contactLookup, userInfo] = usyncs;
    expect(childNode(contactLookup, 'usync')?.attrs.mode).toBe('query');
    expect(usyncUsers(contactLookup)).toHaveLength(30);
    expect(childNode(userInfo, 'usync')?.attrs.mode).toBe('full');
    expect(usyncUsers(userInfo)).toHaveLength(50);
    expect(results).toHaveLength(50);
    results.forEach((result, index) => {
      expect(result).not.toBeInstanceOf(Error);
      const profile = contactProfileSchema.parse(result);
      expect(profile.jid).toBe(`${digitsOf(contacts[index])}@s.whatsapp.net`);
    });
  });

  it('sends one business-profile IQ per contact on WhatsApp, as whatsmeow does, a few at a time', async () => {
    const contacts = fiftyContacts().slice(25, 35);
    const whatsapp = fakeWhatsApp({
      users: new Set(contacts.map(digitsOf)),
      businesses: new Set([digitsOf(contacts[6])]),
    });

    const results = await fetchContactProfiles(whatsapp.transport, contacts, options());

    expect(whatsapp.sent.filter((node) => node.attrs.xmlns === 'w:biz')).toHaveLength(10);
    const business = results[6];
    expect(business).not.toBeInstanceOf(Error);
    expect((business as { business_profile: unknown }).business_profile).not.toBeNull();
    expect((results[0] as { business_profile: unknown }).business_profile).toBeNull();
  });

  it('answers NOT_FOUND for the contacts WhatsApp does not know, and the others in order', async () => {
    const contacts: ContactQuery[] = [
      { kind: 'number', digits: '5511900000001' },
      { kind: 'number', digits: '5511900000404' },
      { kind: 'jid', jid: '14155550404@s.whatsapp.net' },
      { kind: 'jid', jid: '14155550002@s.whatsapp.net' },
    ];
    const whatsapp = fakeWhatsApp({ users: new Set(['5511900000001', '14155550002']) });

    const results = await fetchContactProfiles(whatsapp.transport, contacts, options());

    expect(results[0]).toMatchObject({ jid: '5511900000001@s.whatsapp.net' });
    expect(results[1]).toBeInstanceOf(NotFoundError);
    expect(results[2]).toBeInstanceOf(NotFoundError);
    expect(results[3]).toMatchObject({ jid: '14155550002@s.whatsapp.net' });
    // The unknown number never reaches the user-info query.
    expect(usyncUsers(whatsapp.usyncs()[1]).map((user) => user.attrs.jid)).toEqual([
      '5511900000001@s.whatsapp.net',
      '14155550404@s.whatsapp.net',
      '14155550002@s.whatsapp.net',
    ]);
  });

  it('degrades a contact whose device list failed without failing the others', async () => {
    const contacts: ContactQuery[] = [
      { kind: 'jid', jid: '14155550001@s.whatsapp.net' },
      { kind: 'jid', jid: '14155550002@s.whatsapp.net' },
    ];
    const whatsapp = fakeWhatsApp({
      users: new Set(['14155550001', '14155550002']),
      devicesFailFor: new Set(['14155550001']),
    });

    const [partial, full] = await fetchContactProfiles(whatsapp.transport, contacts, options());

    expect(partial).toMatchObject({
      user_info: { Devices: [], Visibility: { Devices: 'unavailable' } },
    });
    expect(full).toMatchObject({ user_info: { Devices: ['14155550002@s.whatsapp.net'] } });
  });

  it('asks once about a contact listed twice', async () => {
    const contacts: ContactQuery[] = [
      { kind: 'number', digits: '14155550001' },
      { kind: 'jid', jid: '14155550001@s.whatsapp.net' },
      { kind: 'number', digits: '14155550001' },
    ];
    const whatsapp = fakeWhatsApp({ users: new Set(['14155550001']) });

    const results = await fetchContactProfiles(whatsapp.transport, contacts, options());

    expect(usyncUsers(whatsapp.usyncs()[0])).toHaveLength(1);
    expect(usyncUsers(whatsapp.usyncs()[1])).toHaveLength(1);
    expect(results.map((result) => (result as { jid: string }).jid)).toEqual([
      '14155550001@s.whatsapp.net',
      '14155550001@s.whatsapp.net',
      '14155550001@s.whatsapp.net',
    ]);
  });

  it("sends each contact's privacy token in its own <user>", async () => {
    const contacts: ContactQuery[] = [
      { kind: 'jid', jid: '14155550001@s.whatsapp.net' },
      { kind: 'jid', jid: '14155550002@s.whatsapp.net' },
    ];
    const whatsapp = fakeWhatsApp({ users: new Set(['14155550001', '14155550002']) });

    await fetchContactProfiles(whatsapp.transport, contacts, {
      ...options(),
      privacyToken: async (jid) =>
        jid.startsWith('14155550002') ? Buffer.from('token-2') : undefined,
    });

    const [first, second] = usyncUsers(whatsapp.usyncs()[0]);
    expect(childNode(first, 'tctoken')).toBeUndefined();
    expect(Buffer.from(nodeBytes(childNode(second, 'tctoken')) ?? []).toString()).toBe('token-2');
  });

  it('turns a refused user-info query into an error item per contact, never a thrown batch', async () => {
    const contacts: ContactQuery[] = [
      { kind: 'jid', jid: '14155550001@s.whatsapp.net' },
      { kind: 'number', digits: '5511900000404' },
    ];
    const whatsapp = fakeWhatsApp({ users: new Set(['14155550001']), userInfoRateLimited: true });

    const results = await fetchContactProfiles(whatsapp.transport, contacts, options());

    expect(mapWhatsAppError(results[0], 60)).toMatchObject({
      errorCode: 'RATE_LIMITED',
      retryAfterSeconds: 120,
    });
    expect(results[1]).toBeInstanceOf(NotFoundError);
  });
});

describe('parseContactLookupBatchReply', () => {
  it('matches each answer to the number asked, in LID addressing too', async () => {
    const found = parseContactLookupBatchReply(await wireFixture('contact-lookup-reply-lid.json'), [
      '5511987654321',
      '15550001111',
    ]);

    expect([...found]).toEqual([
      ['5511987654321', { phoneJid: '551187654321@s.whatsapp.net', lid: '203655172014117@lid' }],
    ]);
  });

  it('leaves out a number that is not on WhatsApp', async () => {
    const found = parseContactLookupBatchReply(await wireFixture('contact-lookup-reply-out.json'), [
      '15550001111',
    ]);

    expect(found.size).toBe(0);
  });
});
