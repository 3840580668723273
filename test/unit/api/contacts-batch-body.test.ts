import { describe, expect, it } from 'vitest';
import { $ZodError } from 'zod/v4/core';
import { parseContactsBatchBody } from '../../../functions/api/contacts-batch-body.ts';
import { describeZodError } from '../../../functions/api/error-envelope.ts';
import { ValidationError } from '../../../functions/domain/errors/app-errors.ts';

describe('parseContactsBatchBody', () => {
  it('reads jids and numbers in order, with refresh', () => {
    // act
    const parsed = parseContactsBatchBody(
      JSON.stringify({
        contacts: [{ jid: '5511999999999@c.us' }, { number: '+55 11 98888-7777' }],
        refresh: true,
      }),
    );

    // assert
    expect(parsed).toEqual({
      entries: [
        { kind: 'jid', jid: '5511999999999@s.whatsapp.net' },
        { kind: 'number', digits: '5511988887777' },
      ],
      refresh: true,
    });
  });

  it('turns a malformed jid or number into that entry’s own VALIDATION_ERROR', () => {
    // act
    const parsed = parseContactsBatchBody(
      JSON.stringify({
        contacts: [{ jid: '120363@g.us' }, { number: '12' }, { number: '+5511999999999' }],
      }),
    );

    // assert
    expect(parsed.entries[0]).toBeInstanceOf(ValidationError);
    expect(parsed.entries[1]).toBeInstanceOf(ValidationError);
    expect(parsed.entries[2]).toEqual({ kind: 'number', digits: '5511999999999' });
    expect(parsed.refresh).toBe(false);
  });

  it.each([
    [{ contacts: [{ number: '+5511999999999' }], refrsh: true }, 'refrsh'],
    [{ contacts: [{ number: '+5511999999999', name: 'Ana' }] }, 'contacts.0'],
  ])('refuses an unknown field (%j) naming where it is', (body, where) => {
    // act
    const parse = () => parseContactsBatchBody(JSON.stringify(body));

    // assert
    expect(parse).toThrow($ZodError);
    try {
      parse();
    } catch (error) {
      expect(describeZodError(error as $ZodError)).toContain(where);
    }
  });

  it('reads a base64-encoded body', () => {
    // act
    const parsed = parseContactsBatchBody(
      Buffer.from('{"contacts":[{"number":"5511999999999"}]}').toString('base64'),
      true,
    );

    // assert
    expect(parsed.entries).toEqual([{ kind: 'number', digits: '5511999999999' }]);
  });

  it('rejects a body that is not JSON', () => {
    expect(() => parseContactsBatchBody('contacts=1')).toThrow(ValidationError);
    expect(() => parseContactsBatchBody(null)).toThrow(ValidationError);
  });

  it.each([
    ['an empty list', { contacts: [] }, 'contacts: must name at least one contact'],
    [
      'more than 50 contacts',
      { contacts: Array.from({ length: 51 }, () => ({ number: '5511999999999' })) },
      'contacts: must name at most 50 contacts',
    ],
    [
      'an entry with neither jid nor number',
      { contacts: [{ jid: '5511999999999@s.whatsapp.net' }, {}] },
      'contacts.1: either jid or number is required',
    ],
    ['no contacts at all', {}, 'contacts: must be an array of {"jid"} or {"number"} objects'],
    [
      'a refresh that is not a boolean',
      { contacts: [{ number: '5511999999999' }], refresh: 'yes' },
      'refresh: must be true or false',
    ],
  ])('fails the whole call for %s', (_case, body, message) => {
    // act
    let thrown: unknown;
    try {
      parseContactsBatchBody(JSON.stringify(body));
    } catch (error) {
      thrown = error;
    }

    // assert
    expect(thrown).toBeInstanceOf($ZodError);
    const issue = (thrown as $ZodError).issues[0];
    expect(`${issue?.path.join('.')}: ${issue?.message}`).toBe(message);
  });
});
