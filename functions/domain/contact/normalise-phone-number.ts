import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { ValidationError } from '../errors/app-errors.ts';

const MAX_NUMBER_INPUT_LENGTH = 64;
const TOLERATED_PUNCTUATION = /[+\s\-.()]/g;

/**
 * Normalises an international phone number to its digits (country code first), as the contract
 * says: `+`, spaces, dashes, dots and parentheses are removed; what remains must be a possible
 * international number according to libphonenumber's metadata.
 */
export function normalisePhoneNumber(raw: string): string {
  if (raw.length === 0) throw new ValidationError('number must not be empty');
  if (raw.length > MAX_NUMBER_INPUT_LENGTH) {
    throw new ValidationError(`number is too long (at most ${MAX_NUMBER_INPUT_LENGTH} characters)`);
  }
  const digits = raw.replace(TOLERATED_PUNCTUATION, '');
  if (!/^\d+$/.test(digits)) {
    throw new ValidationError(
      'number must be an international phone number: digits, optionally with + ( ) - . and spaces',
    );
  }
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  if (!parsed?.isPossible()) {
    throw new ValidationError(
      'number is not a possible international phone number; include the country code',
    );
  }
  return `${parsed.countryCallingCode}${parsed.nationalNumber}`;
}
