import { describe, expect, it } from 'vitest';
import { contactCacheKey } from '../../../../functions/domain/contact/contact-query.ts';

describe('contactCacheKey', () => {
  it('keys a JID query by its JID', () => {
    // prepare
    const query = { kind: 'jid', jid: '5511999999999@s.whatsapp.net' } as const;

    // act
    const key = contactCacheKey(query);

    // assert
    expect(key).toBe('jid#5511999999999@s.whatsapp.net');
  });

  it('keys a number query by its digits', () => {
    expect(contactCacheKey({ kind: 'number', digits: '5511999999999' })).toBe(
      'number#5511999999999',
    );
  });

  it('never gives a number the same key as a JID with the same digits', () => {
    expect(contactCacheKey({ kind: 'number', digits: '5511999999999' })).not.toBe(
      contactCacheKey({ kind: 'jid', jid: '5511999999999' }),
    );
  });
});
