import { ValidationError } from '../errors/app-errors.ts';
import { callingCodeOf } from './country-calling-codes.ts';

const MAX_NUMBER_INPUT_LENGTH = 64;
/** A trunk prefix written in parentheses after the country code: `+44 (0)20 …`. */
const TRUNK_ZERO = /\(\s*0\s*\)/g;
const TOLERATED_PUNCTUATION = /[+\s\-.()]/g;
const MIN_DIGITS = 8;
/** E.164's maximum length. */
const MAX_DIGITS = 15;

/**
 * Normalises an international phone number to its digits (country code first), as the contract
 * says: `+`, spaces, dashes, dots, parentheses and a trunk `(0)` are removed; what remains must
 * be 8 to 15 digits starting with an assigned country calling code. Nothing else is rewritten
 * and no national numbering plan is applied: Mexico's `521…`, Argentina's `549…` and Brazil
 * with or without the ninth digit go to WhatsApp as given, and WhatsApp's contact lookup
 * decides (as whatsmeow and Baileys let it).
 */
export function normalisePhoneNumber(raw: string): string {
  if (raw.length === 0) throw new ValidationError('number must not be empty');
  if (raw.length > MAX_NUMBER_INPUT_LENGTH) {
    throw new ValidationError(`number is too long (at most ${MAX_NUMBER_INPUT_LENGTH} characters)`);
  }
  const digits = raw.replace(TRUNK_ZERO, '').replace(TOLERATED_PUNCTUATION, '');
  if (!/^\d+$/.test(digits)) {
    throw new ValidationError(
      'number must be an international phone number: digits, optionally with + ( ) - . and spaces',
    );
  }
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) {
    throw new ValidationError(
      `number must have ${MIN_DIGITS} to ${MAX_DIGITS} digits including the country code`,
    );
  }
  if (!callingCodeOf(digits)) {
    throw new ValidationError(
      'number must start with a country calling code (international format, e.g. +55 11 …)',
    );
  }
  return digits;
}
