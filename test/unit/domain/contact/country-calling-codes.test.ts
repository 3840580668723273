import { describe, expect, it } from 'vitest';
import {
  assignedCallingCodes,
  callingCodeOf,
} from '../../../../functions/domain/contact/country-calling-codes.ts';

describe('callingCodeOf', () => {
  it.each([
    ['15551234567', '1'],
    ['74951234567', '7'],
    ['5511999999999', '55'],
    ['447911123456', '44'],
    ['8613800138000', '86'],
    ['351912345678', '351'],
    ['2348031234567', '234'],
  ])('reads the calling code of %s as %s', (digits, code) => {
    expect(callingCodeOf(digits)).toBe(code);
  });

  it.each([
    ['a number starting with an unassigned code', '999123456'],
    ['a number starting with 0', '0123456789'],
    ['no digits', ''],
    ['an unassigned two-digit prefix with nothing after it', '28'],
  ])('gives no code for %s', (_case, digits) => {
    expect(callingCodeOf(digits)).toBeUndefined();
  });
});

describe('assignedCallingCodes', () => {
  it('is prefix-free, as E.164 codes are: no code starts another', () => {
    // act
    const codes = assignedCallingCodes();

    // assert
    expect(codes.length).toBeGreaterThan(200);
    for (const code of codes) {
      for (const other of codes) {
        if (other !== code) expect(other.startsWith(code)).toBe(false);
      }
    }
  });
});
