import * as z from 'zod';
import { contactProfileSchema } from '../contact/contact-profile.ts';

/**
 * The messages between the profile Lambda and the session worker. Versioned so that a rolling
 * deploy with old and new code side by side fails loudly rather than misreading a message.
 */
const contactQuerySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('jid'), jid: z.string() }),
  z.object({ kind: z.literal('number'), digits: z.string() }),
]);

export const profileRequestMessageSchema = z.object({
  version: z.literal(1),
  correlationId: z.string().min(1),
  /** Absent for a warm-up: nobody waits, the cache is the only result. */
  replyQueueUrl: z.string().min(1).optional(),
  /** Epoch ms after which the caller no longer waits. */
  deadline: z.number().int(),
  tenantId: z.string().min(1),
  userId: z.string().min(1),
  contact: contactQuerySchema,
  refresh: z.boolean(),
});

export const errorCodeSchema = z.enum([
  'VALIDATION_ERROR',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
  'SESSION_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
]);

export const profileReplyMessageSchema = z.discriminatedUnion('ok', [
  z.object({
    version: z.literal(1),
    correlationId: z.string(),
    ok: z.literal(true),
    profile: contactProfileSchema,
    fetchedAt: z.number().int(),
  }),
  z.object({
    version: z.literal(1),
    correlationId: z.string(),
    ok: z.literal(false),
    errorCode: errorCodeSchema,
    message: z.string(),
    retryAfterSeconds: z.number().optional(),
  }),
]);

export type ProfileRequestMessage = z.infer<typeof profileRequestMessageSchema>;
export type ProfileReplyMessage = z.infer<typeof profileReplyMessageSchema>;
