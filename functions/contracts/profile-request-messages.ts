import * as z from 'zod';
import { contactProfileSchema } from '../domain/contact/contact-profile.ts';
import { ERROR_CODES } from '../domain/errors/error-codes.ts';

/**
 * The messages between the profile Lambda and the session worker. Versioned so that a rolling
 * deploy with old and new code side by side fails loudly rather than misreading a message.
 */
const contactQuerySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('jid'), jid: z.string() }),
  z.object({ kind: z.literal('number'), digits: z.string() }),
]);

const requestFields = {
  version: z.literal(1),
  correlationId: z.string().min(1),
  /** Epoch ms after which the caller no longer waits. */
  deadline: z.number().int(),
  tenantId: z.string().min(1),
  userId: z.string().min(1),
  contact: contactQuerySchema,
  refresh: z.boolean(),
};

/** A caller (the profile Lambda) waits for the answer on its reply queue. */
export const profileLookupMessageSchema = z.object({
  kind: z.literal('profile-lookup'),
  ...requestFields,
  replyQueueUrl: z.string().min(1),
});

/** A warm-up: nobody waits, the cache is the only result. */
export const warmupLookupMessageSchema = z.object({
  kind: z.literal('warmup-lookup'),
  ...requestFields,
});

/**
 * Messages sent before `kind` existed have none: a reply queue made them a profile lookup, its
 * absence a warm-up. Accepted for one release so that messages in flight during the deploy
 * that introduced `kind` are still served; remove once that release is everywhere.
 */
function inferLegacyKind(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'kind' in value) {
    return value;
  }
  const kind = 'replyQueueUrl' in value ? 'profile-lookup' : 'warmup-lookup';
  return { ...value, kind };
}

/** A message on a shard's request queue, told apart by its `kind`. */
export const profileRequestMessageSchema = z.preprocess(
  inferLegacyKind,
  z.discriminatedUnion('kind', [profileLookupMessageSchema, warmupLookupMessageSchema]),
);

export const errorCodeSchema = z.enum(ERROR_CODES);

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

export type ProfileLookupMessage = z.infer<typeof profileLookupMessageSchema>;
export type WarmupLookupMessage = z.infer<typeof warmupLookupMessageSchema>;
export type ProfileRequestMessage = z.infer<typeof profileRequestMessageSchema>;
export type ProfileReplyMessage = z.infer<typeof profileReplyMessageSchema>;
