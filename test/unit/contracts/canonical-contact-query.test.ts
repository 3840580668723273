import { describe, expect, it } from 'vitest';
import { canonicalContactQuerySchema } from '../../../functions/contracts/canonical-contact-query.ts';

describe('canonicalContactQuerySchema', () => {
  it('accepts a normalised user JID, a LID and the digits of an international number', () => {
    const accepted = [
      { kind: 'jid', jid: '5511999990000@s.whatsapp.net' },
      { kind: 'jid', jid: '123456789012345@lid' },
      { kind: 'number', digits: '5511999990000' },
    ].map((contact) => canonicalContactQuerySchema.safeParse(contact).success);

    expect(accepted).toEqual([true, true, true]);
  });

  it('refuses forms the API would have normalised first', () => {
    const refused = [
      { kind: 'jid', jid: '5511999990000:3@s.whatsapp.net' },
      { kind: 'jid', jid: '5511999990000@c.us' },
      { kind: 'number', digits: '+55 11 99999-0000' },
    ].map((contact) => canonicalContactQuerySchema.safeParse(contact).success);

    expect(refused).toEqual([false, false, false]);
  });

  it('refuses what no normaliser accepts', () => {
    const result = canonicalContactQuerySchema.safeParse({ kind: 'number', digits: 'abc' });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be the digits of an international number');
  });
});
