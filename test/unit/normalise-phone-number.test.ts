import { describe, expect, it } from 'vitest';
import { normalisePhoneNumber } from '../../functions/domain/contact/normalise-phone-number.ts';
import { ValidationError } from '../../functions/domain/errors/app-errors.ts';

function rejection(raw: string): ValidationError {
  try {
    normalisePhoneNumber(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error(`expected ${raw} to be rejected`);
}

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

  it.each(['12', '+999 1234', '+1 555 01'])(
    'rejects %s, which is not a possible international number',
    (raw) => {
      expect(rejection(raw).message).toBe(
        'number is not a possible international phone number; include the country code',
      );
    },
  );

  it('never echoes the number in its error message', () => {
    expect(rejection('+999 123456').message).not.toContain('123456');
  });
});
