import { describe, expect, it } from 'vitest';
import {
  assignedCallingCodes,
  callingCodeOf,
} from '../../../../functions/domain/contact/country-calling-codes.ts';

/** International numbers and the calling code each starts with: 1-, 2- and 3-digit codes. */
const NUMBERS_BY_CODE = {
  '1': '15551234567',
  '7': '74951234567',
  '55': '5511999999999',
  '44': '447911123456',
  '86': '8613800138000',
  '351': '351912345678',
  '234': '2348031234567',
};

describe('callingCodeOf', () => {
  it('reads the calling code a number starts with, whatever its length', () => {
    // act
    const read = Object.values(NUMBERS_BY_CODE).map((digits) => callingCodeOf(digits));

    // assert
    expect(read).toEqual(Object.keys(NUMBERS_BY_CODE));
  });

  it('gives no code for an unassigned prefix, a leading 0, or no digits', () => {
    // prepare: 999 and 28 are not assigned; nothing starts with 0
    const unassigned = ['999123456', '0123456789', '', '28'];

    // act
    const read = unassigned.map((digits) => callingCodeOf(digits));

    // assert
    expect(read).toEqual([undefined, undefined, undefined, undefined]);
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
