import { errorCodeSchema, MAX_BATCH_CONTACTS } from '../../contracts/shard-messages.ts';
import { contactProfileSchema } from '../../domain/contact/contact-profile.ts';
import { contactPictureSchema } from '../../domain/contact/profile-picture.ts';
import * as z from '../../domain/validation/zod-mini.ts';
import {
  adminSessionSchema,
  createdTokenSchema,
  createTokenRequestSchema,
  revokedTokenSchema,
  setWebhookRequestSchema,
  tokenSchema,
  webhookSchema,
  webhookWithSecretSchema,
} from '../admin-bodies.ts';
import { contactChangedEventSchema, sessionStatusEventSchema } from '../event-bodies.ts';
import {
  logOutSessionResultSchema,
  pairSessionRequestSchema,
  pairSessionResultSchema,
  sessionStatusSchema,
} from '../session-bodies.ts';

/**
 * The document's component schemas, made from the same zod schemas the code validates with, so
 * any additive field is documented the moment it exists.
 */
const errorEnvelopeSchema = z.object({
  success: z.literal(false),
  error: z
    .string()
    .check(z.describe('A specific, human-readable message; never internals or a token.')),
  error_code: errorCodeSchema,
  timestamp: z
    .string()
    .check(
      z.describe(
        'ISO-8601 UTC (2026-06-15T12:00:00Z). Responses API Gateway makes on its own (throttling, integration timeout, authorizer failure) carry its requestTime instead.',
      ),
    ),
});

const successSchema = z.object({ success: z.literal(true), data: contactProfileSchema });

const success = (data: z.core.$ZodType) => z.object({ success: z.literal(true), data });

const profilesRequestSchema = z.strictObject({
  contacts: z
    .array(z.strictObject({ jid: z.optional(z.string()), number: z.optional(z.string()) }))
    .check(
      z.minLength(1),
      z.maxLength(MAX_BATCH_CONTACTS),
      z.describe(
        'Each item names a contact as GET /contacts/profile does (jid wins over number). An item with neither fails the whole call; a malformed jid or number fails only its own item.',
      ),
    ),
  refresh: z.optional(z.boolean()).check(z.describe('Skip fresh cache entries for every contact.')),
});

function jsonSchema(schema: z.core.$ZodType) {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output' });
}

export function componentSchemas() {
  return {
    ProfileResponse: jsonSchema(successSchema),
    ProfilePictureResponse: jsonSchema(success(contactPictureSchema)),
    ProfilesRequest: jsonSchema(profilesRequestSchema),
    ProfilesResponse: jsonSchema(
      success(
        z
          .array(z.union([successSchema, errorEnvelopeSchema]))
          .check(
            z.describe(
              'One item per contact, in request order: exactly the body GET /contacts/profile gives for it (its success body, or its error envelope).',
            ),
          ),
      ),
    ),
    SessionStatusResponse: jsonSchema(success(sessionStatusSchema)),
    PairSessionRequest: jsonSchema(pairSessionRequestSchema),
    PairSessionResponse: jsonSchema(success(pairSessionResultSchema)),
    LogOutSessionResponse: jsonSchema(success(logOutSessionResultSchema)),
    ErrorEnvelope: jsonSchema(errorEnvelopeSchema),
    CreateTokenRequest: jsonSchema(createTokenRequestSchema),
    CreatedTokenResponse: jsonSchema(success(createdTokenSchema)),
    TokensResponse: jsonSchema(success(z.array(tokenSchema))),
    RevokedTokenResponse: jsonSchema(success(revokedTokenSchema)),
    AdminSessionsResponse: jsonSchema(success(z.array(adminSessionSchema))),
    SetWebhookRequest: jsonSchema(setWebhookRequestSchema),
    WebhookWithSecretResponse: jsonSchema(success(webhookWithSecretSchema)),
    WebhookResponse: jsonSchema(success(z.nullable(webhookSchema))),
    NullResponse: jsonSchema(success(z.null())),
    SessionStatusEvent: jsonSchema(sessionStatusEventSchema),
    ContactChangedEvent: jsonSchema(contactChangedEventSchema),
  };
}

/** A JSON body of the component schema `name`, with its examples. */
export function jsonContent(
  name: keyof ReturnType<typeof componentSchemas>,
  examples: Record<string, { summary: string; value: unknown }>,
) {
  return {
    'application/json': { schema: { $ref: `#/components/schemas/${name}` }, examples },
  };
}
