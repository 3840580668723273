import { describe, expect, it } from 'vitest';
import {
  buildUserInfoQuery,
  parseUserInfoReply,
} from '../../../functions/whatsapp/user-info-query.ts';
import { WhatsAppStanzaError } from '../../../functions/whatsapp/whatsapp-stanza-error.ts';
import { fixtureNode, wireBytes, wireFixture } from '../../support/whatsapp/stanza-fixtures.ts';

const PN = '5511987654321@s.whatsapp.net';

describe('buildUserInfoQuery', () => {
  it('builds the usync query with a bare <tctoken>, as whatsmeow sends it', () => {
    const token = Buffer.from('0102030405060708', 'hex');

    const query = buildUserInfoQuery(PN, '3EB0A1B2C3.1-6', token);

    expect(wireBytes(query)).toBe(wireBytes(fixtureNode('user-info-query.json')));
  });

  it('sends no privacy token element when the session holds none', () => {
    const query = buildUserInfoQuery(PN, 'sid-1');

    const usync = (query.content as { content: { tag: string; content: unknown[] }[] }[])[0];
    const list = usync?.content.find((node) => node.tag === 'list');
    expect(list?.content).toEqual([{ tag: 'user', attrs: { jid: PN }, content: [] }]);
  });
});

describe('parseUserInfoReply', () => {
  it('reads status, picture id, devices and LID of a personal account', async () => {
    const reply = await wireFixture('user-info-reply-personal.json');

    const info = parseUserInfoReply(reply, PN);

    expect(info).toEqual({
      jid: PN,
      status: { visibility: 'set', value: 'Hey there! I am using WhatsApp.' },
      picture: { visibility: 'set', value: '1718000000' },
      devices: [PN, '5511987654321:12@s.whatsapp.net', '5511987654321:23@s.whatsapp.net'],
      verifiedName: null,
      lid: '203655172014117@lid',
      missing: [],
    });
  });

  it('decodes the verified name certificate with its 64-bit serial as a string', async () => {
    const jid = '5521933334444@s.whatsapp.net';
    const reply = await wireFixture('user-info-reply-business.json');

    const info = parseUserInfoReply(reply, jid);

    expect(info?.verifiedName?.Details).toEqual({
      serial: '7392384102937746123',
      issuer: 'smb:wa',
      verifiedName: 'Padaria Estrela',
      localizedNames: [{ lg: 'pt', lc: 'BR', verifiedName: 'Padaria Estrela' }],
      issueTime: '1718000000',
    });
    expect(Object.keys(info?.verifiedName?.Certificate ?? {})).toEqual([
      'details',
      'signature',
      'serverSignature',
    ]);
    expect(Buffer.from(info?.verifiedName?.Certificate.signature ?? '', 'base64')).toEqual(
      Buffer.alloc(64, 7),
    );
    expect(info?.status.value).toBe('Pão quentinho todo dia 🍞');
  });

  it('writes a hosted device on the hosted server', async () => {
    const reply = await wireFixture('user-info-reply-business.json');

    const info = parseUserInfoReply(reply, '5521933334444@s.whatsapp.net');

    expect(info?.devices).toEqual([
      '5521933334444@s.whatsapp.net',
      '5521933334444:1@s.whatsapp.net',
      '5521933334444:99@hosted',
    ]);
  });

  it('tells fields hidden by privacy from fields not set', async () => {
    const hidden = parseUserInfoReply(await wireFixture('user-info-reply-hidden.json'), PN);
    const notSet = parseUserInfoReply(await wireFixture('user-info-reply-not-set.json'), PN);

    expect([hidden?.status, hidden?.picture]).toEqual([
      { visibility: 'hidden', value: '' },
      { visibility: 'hidden', value: '' },
    ]);
    expect([notSet?.status, notSet?.picture]).toEqual([
      { visibility: 'not_set', value: '' },
      { visibility: 'not_set', value: '' },
    ]);
  });

  it('reads a hidden field reported as a code attribute', async () => {
    const reply = await wireFixture('user-info-reply-hidden-code-attribute.json');

    const info = parseUserInfoReply(reply, PN);

    expect(info?.status.visibility).toBe('hidden');
    expect(info?.picture.visibility).toBe('hidden');
  });

  it('addresses a LID contact with device JIDs on the lid server', async () => {
    const lid = '203655172014117@lid';
    const reply = await wireFixture('user-info-reply-lid.json');

    const info = parseUserInfoReply(reply, lid);

    expect(info?.devices).toEqual([lid, '203655172014117:5@lid']);
    expect(info?.status.value).toBe('Disponível');
  });

  it('returns null when WhatsApp knows no such user', async () => {
    expect(
      parseUserInfoReply(await wireFixture('user-info-reply-unknown-user.json'), PN),
    ).toBeNull();
  });

  it('keeps a user whose device list is item-not-found, with no devices, as whatsmeow does', async () => {
    const info = parseUserInfoReply(
      await wireFixture('user-info-reply-devices-not-found.json'),
      PN,
    );

    expect(info).toMatchObject({ jid: PN, devices: [], missing: [] });
    expect(info?.status.visibility).toBe('not_set');
  });

  it('throws rate-overlimit with the backoff WhatsApp asked for', async () => {
    const reply = await wireFixture('usync-reply-rate-overlimit.json');

    const parse = () => parseUserInfoReply(reply, PN);

    expect(parse).toThrow(WhatsAppStanzaError);
    expect(parse).toThrow(expect.objectContaining({ code: 429, backoffSeconds: 120 }));
  });

  it('reads what it can from a partial answer, as whatsmeow does', async () => {
    const jid = '5521933334444@s.whatsapp.net';
    const reply = await wireFixture('user-info-reply-partial.json');

    const info = parseUserInfoReply(reply, jid);

    expect(info).toMatchObject({
      status: { visibility: 'unavailable', value: '' },
      picture: { visibility: 'set', value: '1716999999' },
      devices: [],
      verifiedName: null,
      lid: '88822233344455@lid',
    });
    expect(info?.missing.map((missing) => missing.field)).toEqual(['Devices', 'VerifiedName']);
    expect(info?.missing[1]?.reason).toMatch(/certificate does not decode/);
  });
});
