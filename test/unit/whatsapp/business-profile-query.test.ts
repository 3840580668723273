import { describe, expect, it } from 'vitest';
import {
  buildBusinessProfileQuery,
  parseBusinessProfileReply,
} from '../../../functions/whatsapp/business-profile-query.ts';
import { handedOverByBaileys } from '../../support/whatsapp/handed-over-by-baileys.ts';
import { fixtureNode, wireBytes, wireFixture } from '../../support/whatsapp/stanza-fixtures.ts';

describe('buildBusinessProfileQuery', () => {
  it('builds the w:biz business_profile v=244 query', () => {
    const query = buildBusinessProfileQuery('5521933334444@s.whatsapp.net');

    expect(wireBytes(query)).toBe(wireBytes(fixtureNode('business-profile-query.json')));
  });
});

describe('parseBusinessProfileReply', () => {
  it('reads every field, all categories, all websites and hours with the time zone', async () => {
    const reply = await wireFixture('business-profile-reply.json');

    const profile = parseBusinessProfileReply(reply);

    expect(profile).toEqual({
      JID: '5521933334444@s.whatsapp.net',
      Address: 'Rua das Flores, 123 - Centro, Rio de Janeiro - RJ',
      Email: 'contato@padariaestrela.com.br',
      Categories: [
        { ID: '133436743388217', Name: 'Bakery' },
        { ID: '192831537402299', Name: 'Coffee Shop' },
      ],
      ProfileOptions: {
        commerce_experience: 'catalog',
        cart_enabled: 'true',
        direct_connection: 'false',
      },
      BusinessHoursTimeZone: 'America/Sao_Paulo',
      BusinessHours: [
        { DayOfWeek: 'mon', Mode: 'specific_hours', OpenTime: '420', CloseTime: '1140' },
        { DayOfWeek: 'tue', Mode: 'specific_hours', OpenTime: '420', CloseTime: '1140' },
        { DayOfWeek: 'sat', Mode: 'open_24h', OpenTime: '', CloseTime: '' },
        { DayOfWeek: 'sun', Mode: 'appointment_only', OpenTime: '', CloseTime: '' },
      ],
      Description: 'Padaria artesanal desde 1998.',
      Website: ['https://padariaestrela.com.br', 'https://instagram.com/padariaestrela'],
    });
  });

  it('keeps every profile option, "" for one without text or holding child nodes', async () => {
    const reply = await wireFixture('business-profile-reply-options.json');

    const profile = parseBusinessProfileReply(reply);

    expect(profile?.ProfileOptions).toEqual({
      commerce_experience: 'catalog',
      cart_enabled: 'true',
      direct_connection: 'false',
      bot_fields: '',
      cover_photo: '',
    });
  });

  it('returns null for a personal account', async () => {
    expect(
      parseBusinessProfileReply(await wireFixture('business-profile-reply-not-business.json')),
    ).toBeNull();
  });

  it('never sees a refused query: Baileys throws it, with the code for the caller to read', async () => {
    const handedOver = handedOverByBaileys(fixtureNode('business-profile-reply-not-found.json'));

    await expect(handedOver).rejects.toMatchObject({ isBoom: true, data: 404 });
  });
});
