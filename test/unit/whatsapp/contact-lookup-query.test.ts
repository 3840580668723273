import { describe, expect, it } from 'vitest';
import {
  buildContactLookupQuery,
  parseContactLookupReply,
} from '../../../functions/whatsapp/contact-lookup-query.ts';
import { fixtureNode, wireBytes, wireFixture } from '../../support/whatsapp/stanza-fixtures.ts';

describe('buildContactLookupQuery', () => {
  it('asks in LID addressing for +<digits>@c.us, as whatsmeow does', () => {
    const query = buildContactLookupQuery('5511987654321', '3EB0A1B2C3.1-2');

    expect(wireBytes(query)).toBe(wireBytes(fixtureNode('contact-lookup-query.json')));
  });
});

describe('parseContactLookupReply', () => {
  it('returns the JID WhatsApp uses, which may differ from the digits asked for', async () => {
    const reply = await wireFixture('contact-lookup-reply-in.json');

    expect(parseContactLookupReply(reply)).toEqual({
      phoneJid: '551187654321@s.whatsapp.net',
      lid: undefined,
    });
  });

  it('reads an @lid answer: the phone-number JID from pn_jid, the LID beside it', async () => {
    const reply = await wireFixture('contact-lookup-reply-lid.json');

    expect(parseContactLookupReply(reply)).toEqual({
      phoneJid: '551187654321@s.whatsapp.net',
      lid: '203655172014117@lid',
    });
  });

  it('returns null when the number is not on WhatsApp', async () => {
    const reply = await wireFixture('contact-lookup-reply-out.json');

    expect(parseContactLookupReply(reply)).toBeNull();
  });

  it('throws when WhatsApp refuses the lookup', async () => {
    const reply = await wireFixture('usync-reply-rate-overlimit.json');

    expect(() => parseContactLookupReply(reply)).toThrow(expect.objectContaining({ code: 429 }));
  });
});
