import * as z from 'zod';
import { ValidationError } from '../errors/app-errors.ts';
import type { ContactQuery } from './contact-query.ts';
import { normaliseUserJid } from './normalise-jid.ts';
import { normalisePhoneNumber } from './normalise-phone-number.ts';

const queryValue = z.string().max(256, 'is too long');

const profileQuerySchema = z.object({
  jid: queryValue.optional(),
  number: queryValue.optional(),
  refresh: z.enum(['true', 'false', '1', '0'], 'must be true or false').optional(),
});

export interface ParsedProfileQuery {
  contact: ContactQuery;
  refresh: boolean;
}

/**
 * Collapses API Gateway's single- and multi-value parameters. A parameter given more than once
 * is accepted only when every value is the same; differing values are a ValidationError.
 */
export function singleValuedParameters(
  single: Record<string, string | undefined> | null | undefined,
  multi: Record<string, string[] | undefined> | null | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(single ?? {})) {
    if (value !== undefined) result[name] = value;
  }
  for (const [name, values] of Object.entries(multi ?? {})) {
    if (!values || values.length === 0) continue;
    if (new Set(values).size > 1) {
      throw new ValidationError(`${name} was given more than once with different values`);
    }
    result[name] = values[0] as string;
  }
  return result;
}

/**
 * Parses the query of GET /contacts/profile: `jid` wins when both are given (the seed's own
 * example sends both); neither is a ValidationError.
 */
export function parseProfileQuery(parameters: Record<string, string>): ParsedProfileQuery {
  const parsed = profileQuerySchema.parse(parameters);
  const refresh = parsed.refresh === 'true' || parsed.refresh === '1';
  if (parsed.jid !== undefined && parsed.jid !== '') {
    return { contact: { kind: 'jid', jid: normaliseUserJid(parsed.jid) }, refresh };
  }
  if (parsed.number !== undefined && parsed.number !== '') {
    return { contact: { kind: 'number', digits: normalisePhoneNumber(parsed.number) }, refresh };
  }
  throw new ValidationError('either jid or number is required');
}
