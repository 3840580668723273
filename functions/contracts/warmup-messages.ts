import { identifierSchema } from '../domain/session/identifier-schema.ts';
import * as z from '../domain/validation/zod-mini.ts';

/** Contacts one warm-up message may name; larger batches are split by the sender. */
export const MAX_WARMUP_CONTACTS = 100;

/**
 * A warm-up message, sent by another service to the warm-up queue (documented in docs/calling-it.md):
 * `{"tenantId":"acme","userId":"alice","contacts":[{"jid":"…"},{"number":"+…"}],"refresh":false}`.
 * Without `refresh`, contacts whose cached profile is still fresh are skipped.
 */
export const warmupMessageSchema = z.object({
  tenantId: identifierSchema,
  userId: identifierSchema,
  contacts: z
    .array(
      z.union([
        z.object({ jid: z.string().check(z.maxLength(256)) }),
        z.object({ number: z.string().check(z.maxLength(256)) }),
      ]),
    )
    .check(z.minLength(1), z.maxLength(MAX_WARMUP_CONTACTS)),
  refresh: z.optional(z.boolean()),
});

export type WarmupMessage = z.infer<typeof warmupMessageSchema>;
