import { $ZodError } from 'zod/v4/core';
import { MAX_BATCH_CONTACTS } from '../contracts/shard-messages.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import { parseContact } from '../domain/contact/parse-contact.ts';
import { AppError, ValidationError } from '../domain/errors/app-errors.ts';
import * as z from '../domain/validation/zod-mini.ts';
import { describeZodError } from './error-envelope.ts';

const hasValue = (value: string | undefined) => value !== undefined && value !== '';

/**
 * An entry names its contact; what it names is checked per entry (see parseContactsBatchBody).
 * Entries and the body are strict: an unknown field is a 400, never silently ignored.
 */
const batchEntrySchema = z
  .strictObject({ jid: z.optional(z.string()), number: z.optional(z.string()) })
  .check(
    z.refine((entry) => hasValue(entry.jid) || hasValue(entry.number), {
      message: 'either jid or number is required',
    }),
  );

const contactsBatchBodySchema = z.strictObject({
  contacts: z
    .array(batchEntrySchema, 'must be an array of {"jid"} or {"number"} objects')
    .check(
      z.minLength(1, 'must name at least one contact'),
      z.maxLength(MAX_BATCH_CONTACTS, `must name at most ${MAX_BATCH_CONTACTS} contacts`),
    ),
  refresh: z.optional(z.boolean('must be true or false')),
});

export interface ParsedContactsBatch {
  /** One per entry, in order: the contact, or the error that entry alone fails with. */
  entries: Array<ContactQuery | AppError>;
  refresh: boolean;
}

/**
 * POST /contacts/profiles' body. A body that is not JSON, a list that is empty or too long, or an
 * entry naming neither jid nor number fails the whole call; a malformed jid or number fails only
 * its own entry (the answer's item at its position is that entry's VALIDATION_ERROR envelope).
 */
export function parseContactsBatchBody(
  body: string | null,
  isBase64Encoded = false,
): ParsedContactsBatch {
  const text = body && isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  let json: unknown;
  try {
    json = JSON.parse(text ?? '');
  } catch {
    throw new ValidationError(
      'the body must be JSON: {"contacts":[{"jid":"..."} or {"number":"..."}, ...]}',
    );
  }
  const parsed = contactsBatchBodySchema.parse(json);
  const entries = parsed.contacts.map((entry): ContactQuery | AppError => {
    try {
      return parseContact(entry);
    } catch (error) {
      if (error instanceof AppError) return error;
      if (error instanceof $ZodError) return new ValidationError(describeZodError(error));
      throw error;
    }
  });
  return { entries, refresh: parsed.refresh ?? false };
}
