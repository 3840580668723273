import { describe, expect, it } from 'vitest';
import { $ZodError } from 'zod/v4/core';
import { parseContactQueryString } from '../../../functions/api/contact-query-string.ts';
import { errorBodyFor } from '../../../functions/api/error-envelope.ts';
import { ValidationError } from '../../../functions/domain/errors/app-errors.ts';

describe('parseContactQueryString', () => {
  it('parses a jid query and normalises the JID', () => {
    // prepare
    const parameters = { jid: '5511999999999:3@c.us' };

    // act
    const parsed = parseContactQueryString(parameters);

    // assert
    expect(parsed).toEqual({
      contact: { kind: 'jid', jid: '5511999999999@s.whatsapp.net' },
      refresh: false,
    });
  });

  it('parses a number query into its digits', () => {
    expect(parseContactQueryString({ number: '+55 (11) 99999-9999' })).toEqual({
      contact: { kind: 'number', digits: '5511999999999' },
      refresh: false,
    });
  });

  it('lets jid win when both jid and number are given', () => {
    // prepare: the seed's own curl example sends both
    const parameters = { jid: '5511999999999@s.whatsapp.net', number: '4915112345678' };

    // act
    const parsed = parseContactQueryString(parameters);

    // assert
    expect(parsed.contact).toEqual({ kind: 'jid', jid: '5511999999999@s.whatsapp.net' });
  });

  it('falls back to number when jid is empty', () => {
    expect(parseContactQueryString({ jid: '', number: '5511999999999' }).contact).toEqual({
      kind: 'number',
      digits: '5511999999999',
    });
  });

  it('does not validate number when jid is given', () => {
    expect(parseContactQueryString({ jid: '1@lid', number: 'not a number' }).contact).toEqual({
      kind: 'jid',
      jid: '1@lid',
    });
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads refresh=%s as %s', (refresh, expected) => {
    expect(parseContactQueryString({ jid: '1@lid', refresh }).refresh).toBe(expected);
  });

  it('rejects a refresh value that is not a boolean with a message naming refresh', () => {
    // act
    const act = () => parseContactQueryString({ jid: '1@lid', refresh: 'yes' });

    // assert
    expect(act).toThrow($ZodError);
    let thrown: unknown;
    try {
      act();
    } catch (error) {
      thrown = error;
    }
    expect(errorBodyFor(thrown)).toMatchObject({
      error_code: 'VALIDATION_ERROR',
      error: 'refresh: must be true or false',
    });
  });

  it('rejects a query with neither jid nor number', () => {
    expect(() => parseContactQueryString({})).toThrow(
      new ValidationError('either jid or number is required'),
    );
  });

  it('rejects a query whose jid and number are both empty', () => {
    expect(() => parseContactQueryString({ jid: '', number: '' })).toThrow(
      'either jid or number is required',
    );
  });

  it('rejects a jid over 256 characters before normalising it', () => {
    let thrown: unknown;
    try {
      parseContactQueryString({ jid: 'x'.repeat(300) });
    } catch (error) {
      thrown = error;
    }
    expect(errorBodyFor(thrown).error).toBe('jid: is too long');
  });

  it('rejects a group JID with a message naming the kind', () => {
    expect(() => parseContactQueryString({ jid: '120363025246125486@g.us' })).toThrow(
      'jid must be a user JID; got a group JID',
    );
  });

  it('rejects a malformed number', () => {
    expect(() => parseContactQueryString({ number: '12' })).toThrow(ValidationError);
  });
});
