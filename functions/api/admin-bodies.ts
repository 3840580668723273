import { ValidationError } from '../domain/errors/app-errors.ts';
import { WEBHOOK_EVENT_TYPES } from '../domain/events/event-types.ts';
import { identifierSchema } from '../domain/session/identifier-schema.ts';
import * as z from '../domain/validation/zod-mini.ts';
import { SESSION_STATUSES, sessionStatusSchema } from './session-bodies.ts';

/** The admin routes' request and response bodies (the routes and the OpenAPI document). */
export const createTokenRequestSchema = z.strictObject({
  user: identifierSchema.check(z.describe('The user the token acts for (its WhatsApp session).')),
  label: z
    .optional(z.string().check(z.minLength(1), z.maxLength(100)))
    .check(z.describe('A note for whoever lists tokens.')),
});

export const tokenSchema = z.object({
  id: z.string().check(z.describe('Public id (tok_...): safe to show and log; revoke by it.')),
  user: z.string(),
  label: z.nullable(z.string()),
  role: z.enum(['user', 'admin']),
  created_at: z.string().check(z.describe('ISO-8601 UTC')),
});

export const createdTokenSchema = z.extend(tokenSchema, {
  token: z
    .uuid()
    .check(z.describe('The bearer token: shown in this answer only, stored only as a hash.')),
});

export const revokedTokenSchema = z.object({ id: z.string(), revoked_at: z.string() });

export const adminSessionSchema = z.object({
  user: z.string(),
  status: z.enum(SESSION_STATUSES),
  jid: z.nullable(z.string()),
  since: z.nullable(z.string()),
  reason: sessionStatusSchema.shape.reason,
  restricted_until: sessionStatusSchema.shape.restricted_until,
  ban_code: sessionStatusSchema.shape.ban_code,
});

export const setWebhookRequestSchema = z.strictObject({
  url: z.string().check(z.describe('https://... (locally also http:// to a loopback address)')),
  events: z
    .optional(z.array(z.enum(WEBHOOK_EVENT_TYPES)).check(z.minLength(1)))
    .check(z.describe('Event types to receive; all of them by default.')),
});

export const webhookSchema = z.object({
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
});

export const webhookWithSecretSchema = z.extend(webhookSchema, {
  secret: z
    .string()
    .check(
      z.describe(
        'whsec_...: the Standard Webhooks signing secret; shown when set or rotated only.',
      ),
    ),
});

/** A JSON body, parsed by its schema (a zod failure is VALIDATION_ERROR). */
export function parseJsonBody<Schema extends z.ZodMiniType>(
  schema: Schema,
  body: string | null,
  isBase64Encoded = false,
): z.output<Schema> {
  const text = body && isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  let json: unknown;
  try {
    json = JSON.parse(text ?? '');
  } catch {
    throw new ValidationError('the body must be a JSON object');
  }
  return schema.parse(json);
}
