import { describe, expect, it } from 'vitest';
import { jidUser, normaliseUserJid } from '../../../../functions/domain/contact/normalise-jid.ts';
import { validationErrorOf } from '../../../support/domain/validation-error-of.ts';

const validationMessage = (raw: string) => validationErrorOf(() => normaliseUserJid(raw)).message;

describe('normaliseUserJid', () => {
  it('keeps a phone-number user JID as it is', () => {
    // prepare
    const raw = '5511999999999@s.whatsapp.net';

    // act
    const jid = normaliseUserJid(raw);

    // assert
    expect(jid).toBe('5511999999999@s.whatsapp.net');
  });

  it('keeps a linked-identity user JID as it is', () => {
    expect(normaliseUserJid('123456789012345@lid')).toBe('123456789012345@lid');
  });

  it('rewrites the legacy c.us server to s.whatsapp.net', () => {
    expect(normaliseUserJid('5511999999999@c.us')).toBe('5511999999999@s.whatsapp.net');
  });

  it('strips a device suffix', () => {
    expect(normaliseUserJid('5511999999999:12@s.whatsapp.net')).toBe(
      '5511999999999@s.whatsapp.net',
    );
  });

  it('strips an agent and device suffix', () => {
    expect(normaliseUserJid('5511999999999.0:12@s.whatsapp.net')).toBe(
      '5511999999999@s.whatsapp.net',
    );
    expect(normaliseUserJid('123456789012345.1:3@lid')).toBe('123456789012345@lid');
  });

  it('accepts the server name in any case', () => {
    expect(normaliseUserJid('5511999999999@S.WhatsApp.NET')).toBe('5511999999999@s.whatsapp.net');
  });

  it.each([
    ['120363025246125486@g.us', 'jid must be a user JID; got a group JID'],
    ['status@broadcast', 'jid must be a user JID; got a broadcast JID'],
    ['120363144038483540@newsletter', 'jid must be a user JID; got a newsletter JID'],
    ['867051314767696@bot', 'jid must be a user JID; got a bot JID'],
  ])('rejects %s naming its kind', (raw, message) => {
    expect(validationMessage(raw)).toBe(message);
  });

  it('rejects a server-only JID', () => {
    expect(validationMessage('@s.whatsapp.net')).toBe(
      'jid must be a user JID; got a server-only JID',
    );
  });

  it('rejects an unknown server', () => {
    expect(validationMessage('5511999999999@example.com')).toMatch(/unknown server/);
  });

  it('rejects a JID without @', () => {
    expect(validationMessage('5511999999999')).toMatch(/must look like <digits>@s.whatsapp.net/);
  });

  it('rejects a JID with two @', () => {
    expect(validationMessage('55@11@s.whatsapp.net')).toMatch(/must look like/);
  });

  it('rejects an empty jid', () => {
    expect(validationMessage('')).toBe('jid must not be empty');
  });

  it('rejects a jid longer than 128 characters', () => {
    expect(validationMessage(`${'1'.repeat(120)}@s.whatsapp.net`)).toMatch(/too long/);
  });

  it.each([
    'abc@s.whatsapp.net',
    '+5511999999999@s.whatsapp.net',
    '55 11@s.whatsapp.net',
    '5511:@s.whatsapp.net',
    '1234567890123456789012@s.whatsapp.net',
  ])('rejects the non-numeric or oversized user part %s', (raw) => {
    expect(validationMessage(raw)).toMatch(/user part must be digits/);
  });

  it('rejects a user part that starts with 0', () => {
    expect(validationMessage('05511999999999@s.whatsapp.net')).toBe(
      'jid user part must not start with 0',
    );
  });
});

describe('jidUser', () => {
  it('returns the digits before the @', () => {
    expect(jidUser('5511999999999@s.whatsapp.net')).toBe('5511999999999');
  });

  it('returns the value itself when there is no @', () => {
    expect(jidUser('5511999999999')).toBe('5511999999999');
  });
});
