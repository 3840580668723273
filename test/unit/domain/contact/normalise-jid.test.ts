import { describe, expect, it } from 'vitest';
import { jidUser, normaliseUserJid } from '../../../../functions/domain/contact/normalise-jid.ts';
import { validationErrorOf } from '../../../support/domain/validation-error-of.ts';

const validationMessage = (raw: string) => validationErrorOf(() => normaliseUserJid(raw)).message;

describe('normaliseUserJid', () => {
  it.each([
    [
      'keeps a phone-number user JID as it is',
      '5511999999999@s.whatsapp.net',
      '5511999999999@s.whatsapp.net',
    ],
    ['keeps a linked-identity user JID as it is', '123456789012345@lid', '123456789012345@lid'],
    [
      'rewrites the legacy c.us server to s.whatsapp.net',
      '5511999999999@c.us',
      '5511999999999@s.whatsapp.net',
    ],
    ['strips a device suffix', '5511999999999:12@s.whatsapp.net', '5511999999999@s.whatsapp.net'],
    [
      'accepts the server name in any case',
      '5511999999999@S.WhatsApp.NET',
      '5511999999999@s.whatsapp.net',
    ],
  ])('%s', (_behaviour, raw, expected) => {
    expect(normaliseUserJid(raw)).toBe(expected);
  });

  it.each([
    ['120363025246125486@g.us', 'jid must be a user JID; got a group JID'],
    ['status@broadcast', 'jid must be a user JID; got a broadcast JID'],
    ['120363144038483540@newsletter', 'jid must be a user JID; got a newsletter JID'],
    ['867051314767696@bot', 'jid must be a user JID; got a bot JID'],
    ['@s.whatsapp.net', 'jid must be a user JID; got a server-only JID'],
  ])('rejects %s naming its kind', (raw, message) => {
    expect(validationMessage(raw)).toBe(message);
  });

  it.each([
    ['an empty jid', '', 'jid must not be empty'],
    [
      'a user part that starts with 0',
      '05511999999999@s.whatsapp.net',
      'jid user part must not start with 0',
    ],
  ])('rejects %s', (_what, raw, message) => {
    expect(validationMessage(raw)).toBe(message);
  });

  it.each([
    ['an unknown server', '5511999999999@example.com', /unknown server/],
    ['a JID without @', '5511999999999', /must look like <digits>@s.whatsapp.net/],
    ['a JID with two @', '55@11@s.whatsapp.net', /must look like/],
    ['a jid longer than 128 characters', `${'1'.repeat(120)}@s.whatsapp.net`, /too long/],
  ])('rejects %s', (_what, raw, message) => {
    expect(validationMessage(raw)).toMatch(message);
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
});

describe('jidUser', () => {
  it('returns the digits before the @', () => {
    expect(jidUser('5511999999999@s.whatsapp.net')).toBe('5511999999999');
  });

  it('returns the value itself when there is no @', () => {
    expect(jidUser('5511999999999')).toBe('5511999999999');
  });
});
