import { ValidationError } from '../errors/app-errors.ts';
import * as z from '../validation/zod-mini.ts';
import type { ContactQuery } from './contact-query.ts';
import { normaliseUserJid } from './normalise-jid.ts';
import { normalisePhoneNumber } from './normalise-phone-number.ts';

const selectorValue = z.string().check(z.maxLength(256, 'is too long'));

/**
 * How every caller names a contact, whatever carries it (a query string, a direct invocation,
 * a warm-up message, an entry of a batch): a JID or an international number.
 */
export const contactSelectorSchema = z.object({
  jid: z.optional(selectorValue),
  number: z.optional(selectorValue),
});

export type ContactSelector = z.input<typeof contactSelectorSchema>;

/**
 * Turns a selector into the contact to look up: `jid` wins when both are given (the reference
 * page's own example sends both), an empty value counts as absent, neither is a ValidationError.
 */
export function parseContact(selector: ContactSelector): ContactQuery {
  const { jid, number } = contactSelectorSchema.parse(selector);
  if (jid !== undefined && jid !== '') return { kind: 'jid', jid: normaliseUserJid(jid) };
  if (number !== undefined && number !== '') {
    return { kind: 'number', digits: normalisePhoneNumber(number) };
  }
  throw new ValidationError('either jid or number is required');
}
