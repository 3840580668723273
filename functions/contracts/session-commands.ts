import { ERROR_CODES } from '../domain/errors/error-codes.ts';
import { identifierSchema } from '../domain/session/identifier-schema.ts';
import * as z from '../domain/validation/zod-mini.ts';

/**
 * Commands about a user's WhatsApp session itself, sent by the session API function to the
 * session-command queue of the session's shard (which only its role may send to): only the
 * worker holding that shard's lease has the session's socket. Versioned like the lookups.
 */
const commandFields = {
  version: z.literal(1),
  correlationId: z.string().check(z.minLength(1), z.maxLength(128)),
  /** Epoch ms after which the command is no longer worth carrying out. */
  deadline: z.number().check(z.int()),
  tenantId: identifierSchema,
  userId: identifierSchema,
};

/**
 * Opens the pairing socket for an attempt the API has claimed in the sessions table. Nobody
 * waits on a reply queue: the worker records the QR payloads (or the pairing code) on the
 * attempt, where the API reads them. `deadline` is the attempt's time limit.
 */
export const pairSessionCommandSchema = z.object({
  kind: z.literal('pair-session'),
  ...commandFields,
  attemptId: z.string().check(z.minLength(1), z.maxLength(128)),
  /** Digits of the phone to send a pairing code to (a code instead of QR payloads). */
  phoneDigits: z.optional(z.string().check(z.regex(/^\d{8,15}$/))),
});

/**
 * Logs the session out: ends a pairing under way, unlinks the device from WhatsApp, deletes
 * the session's credentials and its cached profiles. The caller waits for the reply.
 */
export const logoutSessionCommandSchema = z.object({
  kind: z.literal('logout-session'),
  ...commandFields,
  replyQueueUrl: z.string().check(z.minLength(1)),
});

export const logoutReplyMessageSchema = z.discriminatedUnion('ok', [
  z.object({
    version: z.literal(1),
    correlationId: z.string(),
    ok: z.literal(true),
    /** Whether WhatsApp confirmed the unlink (false: it could not be reached; removed locally). */
    unlinked: z.boolean(),
  }),
  z.object({
    version: z.literal(1),
    correlationId: z.string(),
    ok: z.literal(false),
    errorCode: z.enum(ERROR_CODES),
    message: z.string(),
    retryAfterSeconds: z.optional(z.number()),
  }),
]);

export type PairSessionCommand = z.infer<typeof pairSessionCommandSchema>;
export type LogoutSessionCommand = z.infer<typeof logoutSessionCommandSchema>;
export type LogoutReplyMessage = z.infer<typeof logoutReplyMessageSchema>;
