import { normaliseUserJid } from '../domain/contact/normalise-jid.ts';
import { normalisePhoneNumber } from '../domain/contact/normalise-phone-number.ts';
import * as z from '../domain/validation/zod-mini.ts';

/** Whether `value` is what the API's own normalisation makes of it (it parses, unchanged). */
function normalisedBy(normalise: (raw: string) => string) {
  return (value: string): boolean => {
    try {
      return normalise(value) === value;
    } catch {
      return false;
    }
  };
}

/**
 * A contact as the API hands it to the worker: already parsed by the API's rules
 * (functions/domain/contact/parse-contact.ts), so only their fixed points are accepted: a
 * normalised user JID, or the digits of an international number. A shard message naming
 * anything else did not come from our parsing.
 */
export const canonicalContactQuerySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('jid'),
    jid: z
      .string()
      .check(
        z.refine(
          normalisedBy(normaliseUserJid),
          'must be a normalised user JID (<digits>@s.whatsapp.net or <digits>@lid)',
        ),
      ),
  }),
  z.object({
    kind: z.literal('number'),
    digits: z
      .string()
      .check(
        z.refine(
          normalisedBy(normalisePhoneNumber),
          'must be the digits of an international number',
        ),
      ),
  }),
]);
