import { describe, expect, it } from 'vitest';
import { normalisePhoneNumber } from '../../../../functions/domain/contact/normalise-phone-number.ts';
import { validationErrorOf } from '../../../support/domain/validation-error-of.ts';

const rejection = (raw: string) => validationErrorOf(() => normalisePhoneNumber(raw));

describe('normalisePhoneNumber', () => {
  it('returns the digits of a plain international number', () => {
    // prepare
    const raw = '5511999999999';

    // act
    const digits = normalisePhoneNumber(raw);

    // assert
    expect(digits).toBe('5511999999999');
  });

  it.each([
    ['+55 (11) 99999-9999', '5511999999999'],
    ['+1 415.555.2671', '14155552671'],
    ['+44 20 7946 0000', '442079460000'],
    ['+49-30-1234567', '49301234567'],
  ])('removes tolerated punctuation from %s', (raw, expected) => {
    expect(normalisePhoneNumber(raw)).toBe(expected);
  });

  it('rejects an empty number', () => {
    expect(rejection('').message).toBe('number must not be empty');
  });

  it('rejects an input longer than 64 characters', () => {
    expect(rejection(`+${'1 '.repeat(40)}`).message).toMatch(/too long/);
  });

  it.each(['55119999abc', '5511/99999999', '+55 11 99999_9999'])(
    'rejects %s, which has characters other than digits and tolerated punctuation',
    (raw) => {
      expect(rejection(raw).message).toMatch(/must be an international phone number/);
    },
  );

  it.each([
    ['+52 1 55 1234 5678', '5215512345678'],
    ['+54 9 11 2345-6789', '5491123456789'],
    ['+55 11 98765-4321', '5511987654321'],
    ['+55 11 8765-4321', '551187654321'],
    ['+44 (0)20 7946 0000', '442079460000'],
    ['+39 06 6988 4857', '390669884857'],
  ])('keeps the digits of %s as given, without any national-plan rewriting', (raw, expected) => {
    expect(normalisePhoneNumber(raw)).toBe(expected);
  });

  it.each(['12', '+1 555 01', '+49 1234 5678 9012 34'])(
    'rejects %s, which is not 8 to 15 digits',
    (raw) => {
      expect(rejection(raw).message).toBe(
        'number must have 8 to 15 digits including the country code',
      );
    },
  );

  it.each(['+999 1234 5678', '+28 1234 5678', '0 11 98765 4321'])(
    'rejects %s, which does not start with an assigned country calling code',
    (raw) => {
      expect(rejection(raw).message).toMatch(/must start with a country calling code/);
    },
  );

  it('never echoes the number in its error message', () => {
    expect(rejection('+999 123456').message).not.toContain('123456');
  });
});
