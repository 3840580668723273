import type { ContactQuery } from '../domain/contact/contact-query.ts';
import { contactSelectorSchema, parseContact } from '../domain/contact/parse-contact.ts';
import * as z from '../domain/validation/zod-mini.ts';

/** Query strings carry text only: `refresh` is one of these words, read as a boolean. */
const contactQueryStringSchema = z.extend(contactSelectorSchema, {
  refresh: z.optional(z.enum(['true', 'false', '1', '0'], 'must be true or false')),
});

export interface ParsedContactQueryString {
  contact: ContactQuery;
  refresh: boolean;
}

/**
 * Parses the query string of a contact route (`?jid=…|number=…&refresh=true|false`), given as
 * single values (see singleValuedParameters). The contact itself is the domain's parser's job.
 */
export function parseContactQueryString(
  parameters: Record<string, string>,
): ParsedContactQueryString {
  const parsed = contactQueryStringSchema.parse(parameters);
  const refresh = parsed.refresh === 'true' || parsed.refresh === '1';
  return { contact: parseContact({ jid: parsed.jid, number: parsed.number }), refresh };
}

const pictureQueryStringSchema = z.extend(contactQueryStringSchema, {
  preview: z.optional(z.enum(['true', 'false', '1', '0'], 'must be true or false')),
});

export interface ParsedPictureQueryString extends ParsedContactQueryString {
  /** The thumbnail (`preview=true`) or the full image. */
  type: 'image' | 'preview';
}

/** GET /contacts/profile-picture's query string: the contact's, plus `preview=true|false`. */
export function parsePictureQueryString(
  parameters: Record<string, string>,
): ParsedPictureQueryString {
  const parsed = pictureQueryStringSchema.parse(parameters);
  const preview = parsed.preview === 'true' || parsed.preview === '1';
  return {
    ...parseContactQueryString({
      ...(parsed.jid === undefined ? {} : { jid: parsed.jid }),
      ...(parsed.number === undefined ? {} : { number: parsed.number }),
      ...(parsed.refresh === undefined ? {} : { refresh: parsed.refresh }),
    }),
    type: preview ? 'preview' : 'image',
  };
}
