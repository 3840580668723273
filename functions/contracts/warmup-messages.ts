import * as z from 'zod';
import { identifierSchema } from '../domain/session/identifier-schema.ts';

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
      z.union([z.object({ jid: z.string().max(256) }), z.object({ number: z.string().max(256) })]),
    )
    .min(1)
    .max(MAX_WARMUP_CONTACTS),
  refresh: z.boolean().optional(),
});

export type WarmupMessage = z.infer<typeof warmupMessageSchema>;
