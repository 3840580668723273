import { describe, expect, it } from 'vitest';
import { $ZodError } from 'zod/v4/core';
import { errorBodyFor } from '../../../../functions/api/error-envelope.ts';
import { parseContact } from '../../../../functions/domain/contact/parse-contact.ts';
import { ValidationError } from '../../../../functions/domain/errors/app-errors.ts';

describe('parseContact', () => {
  it('normalises a jid selector', () => {
    // prepare
    const selector = { jid: '5511999999999.0:3@c.us' };

    // act
    const contact = parseContact(selector);

    // assert
    expect(contact).toEqual({ kind: 'jid', jid: '5511999999999@s.whatsapp.net' });
  });

  it('turns a number selector into its digits', () => {
    expect(parseContact({ number: '+1 (415) 555-0123' })).toEqual({
      kind: 'number',
      digits: '14155550123',
    });
  });

  it('lets jid win over number, and ignores an empty jid', () => {
    expect(parseContact({ jid: '1@lid', number: 'not a number' })).toEqual({
      kind: 'jid',
      jid: '1@lid',
    });
    expect(parseContact({ jid: '', number: '5511999999999' })).toEqual({
      kind: 'number',
      digits: '5511999999999',
    });
  });

  it('ignores fields that are not part of a selector (a lead id, refresh)', () => {
    const selector = { jid: '1@lid', leadId: 'lead-42', refresh: true } as { jid: string };
    expect(parseContact(selector)).toEqual({ kind: 'jid', jid: '1@lid' });
  });

  it('rejects a selector naming no contact', () => {
    expect(() => parseContact({})).toThrow(new ValidationError('either jid or number is required'));
  });

  it('rejects a value over 256 characters with a message naming the field', () => {
    // act
    let thrown: unknown;
    try {
      parseContact({ number: '1'.repeat(257) });
    } catch (error) {
      thrown = error;
    }

    // assert
    expect(thrown).toBeInstanceOf($ZodError);
    expect(errorBodyFor(thrown).error).toBe('number: is too long');
  });

  it('rejects a group JID with a message naming its kind', () => {
    expect(() => parseContact({ jid: '120363025246125486@g.us' })).toThrow(
      'jid must be a user JID; got a group JID',
    );
  });
});
