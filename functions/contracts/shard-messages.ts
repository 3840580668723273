import { contactProfileSchema } from '../domain/contact/contact-profile.ts';
import { contactPictureSchema } from '../domain/contact/profile-picture.ts';
import { ERROR_CODES } from '../domain/errors/error-codes.ts';
import { identifierSchema } from '../domain/session/identifier-schema.ts';
import * as z from '../domain/validation/zod-mini.ts';
import { canonicalContactQuerySchema } from './canonical-contact-query.ts';
import { logoutSessionCommandSchema, pairSessionCommandSchema } from './session-commands.ts';

/**
 * The shard messages: what the API functions put on a shard's request queue for the session
 * worker (lookups here, session commands in session-commands.ts) and the replies it sends back.
 * Versioned so that a rolling deploy with old and new code side by side fails loudly rather
 * than misreading a message.
 */
const contactQuerySchema = canonicalContactQuerySchema;

const requestFields = {
  version: z.literal(1),
  correlationId: z.string().check(z.minLength(1), z.maxLength(128)),
  /** Epoch ms after which the caller no longer waits. */
  deadline: z.number().check(z.int()),
  // The API's own identifier rules: no `#` or other character that could make one session's
  // keys another's.
  tenantId: identifierSchema,
  userId: identifierSchema,
  contact: contactQuerySchema,
  refresh: z.boolean(),
};

/** A caller (the contacts function) waits for the answer on its reply queue. */
export const profileLookupMessageSchema = z.object({
  kind: z.literal('profile-lookup'),
  ...requestFields,
  replyQueueUrl: z.string().check(z.minLength(1)),
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

/** The kinds of a shard queue's messages this release reads. */
export const SHARD_MESSAGE_KINDS = [
  'profile-lookup',
  'warmup-lookup',
  'picture-lookup',
  'batch-lookup',
  'pair-session',
  'logout-session',
] as const;

/** The kinds that change a session: they travel on the session-command queues only. */
export const SESSION_COMMAND_KINDS: readonly ShardRequestMessage['kind'][] = [
  'pair-session',
  'logout-session',
];

/**
 * The `kind` a shard message names (inferred for a message of before `kind`), or undefined
 * when it is not an object of version 1 naming a kind this release reads (another release's
 * message, for a worker of that release).
 */
export function shardMessageKind(value: unknown): ShardRequestMessage['kind'] | undefined {
  const withKind = inferLegacyKind(value);
  if (typeof withKind !== 'object' || withKind === null || !('kind' in withKind)) return undefined;
  const { kind, version } = withKind as { kind: unknown; version?: unknown };
  if (version !== 1) return undefined;
  return SHARD_MESSAGE_KINDS.find((known) => known === kind);
}

/** A message on a shard's request queue, told apart by its `kind`. */
export const profileRequestMessageSchema = z.pipe(
  z.transform(inferLegacyKind),
  z.discriminatedUnion('kind', [profileLookupMessageSchema, warmupLookupMessageSchema]),
);

/**
 * A picture lookup (GET /contacts/profile-picture on a cache miss): the caller waits on its
 * reply queue. `existingId`, the picture id the caller already holds, lets WhatsApp answer
 * "unchanged" instead of sending a new URL.
 */
export const pictureLookupMessageSchema = z.object({
  kind: z.literal('picture-lookup'),
  ...requestFields,
  replyQueueUrl: z.string().check(z.minLength(1)),
  pictureType: z.enum(['image', 'preview']),
  existingId: z.optional(z.string().check(z.minLength(1))),
});

/** Most contacts one batch lookup carries (POST /contacts/profiles takes 1 to 50). */
export const MAX_BATCH_CONTACTS = 50;

/**
 * Many contacts in ONE message (POST /contacts/profiles, the contacts its cache could not
 * answer): the worker asks WhatsApp about all of them together and answers with one reply.
 */
export const batchLookupMessageSchema = z.object({
  kind: z.literal('batch-lookup'),
  version: requestFields.version,
  correlationId: requestFields.correlationId,
  deadline: requestFields.deadline,
  tenantId: requestFields.tenantId,
  userId: requestFields.userId,
  contacts: z.array(contactQuerySchema).check(z.minLength(1), z.maxLength(MAX_BATCH_CONTACTS)),
  refresh: requestFields.refresh,
  replyQueueUrl: z.string().check(z.minLength(1)),
});

/**
 * Every message of a shard's request queue, told apart by its `kind`: lookups, and the session
 * commands of session-commands.ts. A worker of an earlier release cannot read the kinds it does
 * not know (it leaves them for the dead-letter queue): send them only once every worker runs
 * this release.
 */
export const shardRequestMessageSchema = z.pipe(
  z.transform(inferLegacyKind),
  z.discriminatedUnion('kind', [
    profileLookupMessageSchema,
    warmupLookupMessageSchema,
    pictureLookupMessageSchema,
    batchLookupMessageSchema,
    pairSessionCommandSchema,
    logoutSessionCommandSchema,
  ]),
);

export const errorCodeSchema = z.enum(ERROR_CODES);

/** A failure as a reply carries it: the code, a message safe for the client, Retry-After. */
const failureFields = {
  ok: z.literal(false),
  errorCode: errorCodeSchema,
  message: z.string(),
  retryAfterSeconds: z.optional(z.number()),
};

export const profileReplyMessageSchema = z.discriminatedUnion('ok', [
  z.object({
    version: z.literal(1),
    correlationId: z.string(),
    ok: z.literal(true),
    profile: contactProfileSchema,
    fetchedAt: z.number().check(z.int()),
  }),
  z.object({
    version: z.literal(1),
    correlationId: z.string(),
    ok: z.literal(false),
    errorCode: errorCodeSchema,
    message: z.string(),
    retryAfterSeconds: z.optional(z.number()),
  }),
]);

export type ProfileLookupMessage = z.infer<typeof profileLookupMessageSchema>;
export type WarmupLookupMessage = z.infer<typeof warmupLookupMessageSchema>;
export type ProfileRequestMessage = z.infer<typeof profileRequestMessageSchema>;
export type ProfileReplyMessage = z.infer<typeof profileReplyMessageSchema>;

/**
 * The answer to a picture lookup: the contract's `data` (a picture, or null with `visibility`),
 * or `unchanged` when the request's `existingId` is still the contact's picture. `expiresAt`
 * (epoch ms) is when the picture's URL stops working (its `oe` parameter), when it says.
 */
export const pictureReplyMessageSchema = z.discriminatedUnion('ok', [
  z.object({
    version: z.literal(1),
    correlationId: z.string(),
    ok: z.literal(true),
    picture: z.union([
      contactPictureSchema,
      z.object({ jid: z.string(), unchanged: z.literal(true) }),
    ]),
    fetchedAt: z.number().check(z.int()),
    expiresAt: z.optional(z.number().check(z.int())),
  }),
  z.object({ version: z.literal(1), correlationId: z.string(), ...failureFields }),
]);

/** One contact of a batch reply: its profile, or its own error (never the whole batch's). */
export const batchReplyItemSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    profile: contactProfileSchema,
    fetchedAt: z.number().check(z.int()),
  }),
  z.object(failureFields),
]);

/**
 * The answer to a batch lookup: one item per contact of the request, in its order; or a
 * failure of the whole batch when no contact could be asked (the session is unavailable).
 */
export const batchReplyMessageSchema = z.discriminatedUnion('ok', [
  z.object({
    version: z.literal(1),
    correlationId: z.string(),
    ok: z.literal(true),
    items: z.array(batchReplyItemSchema),
  }),
  z.object({ version: z.literal(1), correlationId: z.string(), ...failureFields }),
]);

export type PictureLookupMessage = z.infer<typeof pictureLookupMessageSchema>;
export type BatchLookupMessage = z.infer<typeof batchLookupMessageSchema>;
export type ShardRequestMessage = z.infer<typeof shardRequestMessageSchema>;
export type PictureReplyMessage = z.infer<typeof pictureReplyMessageSchema>;
export type BatchReplyItem = z.infer<typeof batchReplyItemSchema>;
export type BatchReplyMessage = z.infer<typeof batchReplyMessageSchema>;
