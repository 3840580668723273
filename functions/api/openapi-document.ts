import * as z from 'zod';
import { errorCodeSchema, MAX_BATCH_CONTACTS } from '../contracts/shard-messages.ts';
import { contactProfileSchema } from '../domain/contact/contact-profile.ts';
import { contactPictureSchema } from '../domain/contact/profile-picture.ts';
import {
  PROFILE_PATH,
  PROFILE_PICTURE_PATH,
  PROFILES_PATH,
  SESSION_PAIR_PATH,
  SESSION_PATH,
} from './api-routes.ts';
import {
  logOutSessionResultSchema,
  pairSessionRequestSchema,
  pairSessionResultSchema,
  sessionStatusSchema,
} from './session-bodies.ts';

const errorEnvelopeSchema = z.object({
  success: z.literal(false),
  error: z.string().describe('A specific, human-readable message; never internals or a token.'),
  error_code: errorCodeSchema,
  timestamp: z
    .string()
    .describe(
      'ISO-8601 UTC (2026-06-15T12:00:00Z). Responses API Gateway makes on its own (throttling, integration timeout, authorizer failure) carry its requestTime instead.',
    ),
});

const successSchema = z.object({ success: z.literal(true), data: contactProfileSchema });

const pictureSuccessSchema = z.object({ success: z.literal(true), data: contactPictureSchema });

const profilesSuccessSchema = z.object({
  success: z.literal(true),
  data: z
    .array(z.union([successSchema, errorEnvelopeSchema]))
    .describe(
      'One item per contact, in request order: exactly the body GET /contacts/profile gives for it (its success body, or its error envelope).',
    ),
});

const profilesRequestSchema = z.strictObject({
  contacts: z
    .array(
      z.strictObject({
        jid: z.string().optional(),
        number: z.string().optional(),
      }),
    )
    .min(1)
    .max(MAX_BATCH_CONTACTS)
    .describe(
      'Each item names a contact as GET /contacts/profile does (jid wins over number). An item with neither fails the whole call; a malformed jid or number fails only its own item.',
    ),
  refresh: z.boolean().optional().describe('Skip fresh cache entries for every contact.'),
});

const sessionStatusResponseSchema = z.object({
  success: z.literal(true),
  data: sessionStatusSchema,
});
const pairSessionResponseSchema = z.object({
  success: z.literal(true),
  data: pairSessionResultSchema,
});
const logOutSessionResponseSchema = z.object({
  success: z.literal(true),
  data: logOutSessionResultSchema,
});

function jsonSchema(schema: z.ZodType) {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output' });
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
});

/**
 * The OpenAPI document of the API, built from the same zod schemas the code validates with, so
 * any additive field is documented the moment it exists. `docs/openapi.json` is its output
 * (`npm run openapi`); a test keeps the file current.
 */
export function buildOpenApiDocument() {
  const contactParameters = [
    {
      name: 'jid',
      in: 'query',
      schema: { type: 'string' },
      description:
        'Contact JID: <digits>@s.whatsapp.net, <digits>@lid or legacy <digits>@c.us; device suffixes are stripped. Wins over number.',
    },
    {
      name: 'number',
      in: 'query',
      schema: { type: 'string' },
      description:
        'International phone number; + spaces dashes dots and parentheses tolerated. Resolved through WhatsApp.',
    },
    {
      name: 'refresh',
      in: 'query',
      schema: { type: 'boolean' },
      description: 'Skip a fresh cache entry; counts against the live-lookup budget.',
    },
  ];
  const tenantLimitError = errorResponse(
    "RATE_LIMITED: the tenant's rate limit or quota is spent; see Retry-After.",
  );
  const commonErrors = {
    '401': errorResponse('UNAUTHORIZED: missing, malformed, unknown or revoked token.'),
    '429': errorResponse(
      "RATE_LIMITED: the user's live-lookup budget, or the tenant's rate limit or quota, is spent; see Retry-After.",
    ),
    '500': errorResponse('INTERNAL_ERROR.'),
    '503': errorResponse(
      'SESSION_UNAVAILABLE (the session is not paired or no worker holds it) or SERVICE_UNAVAILABLE (retry after Retry-After seconds).',
    ),
    '504': errorResponse('UPSTREAM_TIMEOUT: the live lookup missed its deadline.'),
  };
  const cacheHeaders = {
    'X-Cache': { schema: { type: 'string', enum: ['HIT', 'MISS', 'STALE'] } },
    Age: { schema: { type: 'integer' } },
    ETag: { schema: { type: 'string' } },
    'Cache-Control': { schema: { type: 'string', example: 'private, max-age=3600' } },
  };
  return {
    openapi: '3.0.3',
    info: {
      title: 'WhatsApp contact profile API',
      version: '1.0.0',
      description:
        "Returns a contact's user info and, for a WhatsApp Business account, its business profile; the token's user pairs, checks and logs out their own WhatsApp session.",
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'Per-user API token (UUID v4). Identifies the tenant and user.',
        },
      },
      schemas: {
        ProfileResponse: jsonSchema(successSchema),
        ProfilePictureResponse: jsonSchema(pictureSuccessSchema),
        ProfilesRequest: jsonSchema(profilesRequestSchema),
        ProfilesResponse: jsonSchema(profilesSuccessSchema),
        SessionStatusResponse: jsonSchema(sessionStatusResponseSchema),
        PairSessionRequest: jsonSchema(pairSessionRequestSchema),
        PairSessionResponse: jsonSchema(pairSessionResponseSchema),
        LogOutSessionResponse: jsonSchema(logOutSessionResponseSchema),
        ErrorEnvelope: jsonSchema(errorEnvelopeSchema),
      },
    },
    security: [{ bearerAuth: [] }],
    paths: {
      [PROFILE_PATH]: {
        get: {
          summary: "Get a contact's profile",
          parameters: [
            ...contactParameters,
            {
              name: 'If-None-Match',
              in: 'header',
              schema: { type: 'string' },
              description: 'An ETag from an earlier 200; a match answers 304.',
            },
          ],
          responses: {
            '200': {
              description:
                'The profile. X-Cache, Age, ETag and Cache-Control describe its freshness.',
              headers: cacheHeaders,
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/ProfileResponse' } },
              },
            },
            '304': { description: 'Not modified: If-None-Match matched the current ETag.' },
            '400': errorResponse('VALIDATION_ERROR: missing or malformed jid/number.'),
            '401': commonErrors['401'],
            '404': errorResponse('NOT_FOUND: the contact is not on WhatsApp, or no such route.'),
            '429': commonErrors['429'],
            '500': commonErrors['500'],
            '503': {
              ...errorResponse(
                'SESSION_UNAVAILABLE: the session is not paired, logged out, or no worker holds it (the user or operator must act). SERVICE_UNAVAILABLE: the API’s own storage, queue or authorizer failed; retry after Retry-After seconds.',
              ),
              headers: {
                'Retry-After': {
                  description: 'With SERVICE_UNAVAILABLE: seconds to wait before retrying.',
                  schema: { type: 'integer', minimum: 1 },
                },
              },
            },
            '504': commonErrors['504'],
          },
        },
      },
      [PROFILE_PICTURE_PATH]: {
        get: {
          summary: "Get a contact's profile picture URL",
          parameters: [
            ...contactParameters,
            {
              name: 'preview',
              in: 'query',
              schema: { type: 'boolean' },
              description: 'The thumbnail instead of the full image.',
            },
            {
              name: 'If-None-Match',
              in: 'header',
              schema: { type: 'string' },
              description:
                'The ETag of an earlier 200 (the picture id, quoted): unchanged answers 304.',
            },
          ],
          responses: {
            '200': {
              description:
                "The picture (whatsmeow's ProfilePictureInfo without hash), or picture null with visibility not_set or hidden. Never served from the cache past the URL's own expiry (its oe parameter); max-age never reaches past it.",
              headers: cacheHeaders,
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/ProfilePictureResponse' },
                },
              },
            },
            '304': { description: 'Not modified: the picture id is the one If-None-Match holds.' },
            '400': errorResponse('VALIDATION_ERROR: missing or malformed jid/number/preview.'),
            '404': errorResponse('NOT_FOUND: the contact is not on WhatsApp, or no such route.'),
            ...commonErrors,
          },
        },
      },
      [PROFILES_PATH]: {
        post: {
          summary: 'Get many contacts’ profiles in one call',
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ProfilesRequest' } },
            },
          },
          responses: {
            '200': {
              description:
                'One item per contact, in order. Per-item failures (a malformed jid, a number not on WhatsApp, RATE_LIMITED once the budget is spent) are items, never the call.',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/ProfilesResponse' } },
              },
            },
            '400': errorResponse(
              `VALIDATION_ERROR: a body that is not JSON, no contacts, more than ${MAX_BATCH_CONTACTS}, an item with neither jid nor number, or an unknown field.`,
            ),
            '401': commonErrors['401'],
            '404': errorResponse('NOT_FOUND: no such route.'),
            '413': errorResponse('VALIDATION_ERROR: the body is over 10 MB.'),
            '429': tenantLimitError,
            '500': commonErrors['500'],
            '503': errorResponse('SERVICE_UNAVAILABLE: retry after Retry-After seconds.'),
          },
        },
      },
      [SESSION_PATH]: {
        get: {
          summary: "The caller's own WhatsApp session: its status",
          description:
            'unpaired, pairing (with the current QR payload or pairing code while it is valid: poll every few seconds, a new QR payload comes about every 20 s), connecting (the phone accepted the link), paired (with the account and since when) or logged_out (WhatsApp revoked the link: pair again).',
          responses: {
            '200': {
              description: 'The session status. Never cached (Cache-Control: no-store).',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/SessionStatusResponse' },
                },
              },
            },
            '401': commonErrors['401'],
            '404': errorResponse('NOT_FOUND: no such route.'),
            '429': tenantLimitError,
            '500': commonErrors['500'],
            '503': errorResponse('SERVICE_UNAVAILABLE: retry after Retry-After seconds.'),
          },
        },
        delete: {
          summary: 'Log the session out',
          description:
            "Ends a pairing under way, unlinks the device from WhatsApp (when WhatsApp can be reached; otherwise remove it on the phone), and deletes the session's credentials and its cached profiles.",
          responses: {
            '200': {
              description: 'Logged out: the session is unpaired.',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/LogOutSessionResponse' },
                },
              },
            },
            '401': commonErrors['401'],
            '404': errorResponse('NOT_FOUND: no such route.'),
            '429': tenantLimitError,
            '500': commonErrors['500'],
            '503': errorResponse(
              'SESSION_UNAVAILABLE: no worker holds the session right now; SERVICE_UNAVAILABLE: retry after Retry-After seconds.',
            ),
            '504': errorResponse(
              'UPSTREAM_TIMEOUT: the worker did not confirm the logout within the deadline; retry.',
            ),
          },
        },
      },
      [SESSION_PAIR_PATH]: {
        post: {
          summary: 'Pair a WhatsApp account with the session (or continue pairing)',
          description:
            'Starts a pairing attempt, or continues the one under way (whatever its method), and answers its current QR payload or, with phone, its pairing code. Already paired: the paired status. One attempt at a time per session; each lasts a limited time (160 s by default), and a session may start a limited number per hour (5 by default).',
          requestBody: {
            required: false,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/PairSessionRequest' } },
            },
          },
          responses: {
            '200': {
              description:
                'pairing with qr or pairing_code and expires_at; connecting when the phone already accepted; paired (idempotent).',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/PairSessionResponse' },
                },
              },
            },
            '400': errorResponse(
              'VALIDATION_ERROR: a body that is not JSON, an unknown field, or a phone that is not a plausible international number.',
            ),
            '401': commonErrors['401'],
            '404': errorResponse('NOT_FOUND: no such route.'),
            '429': {
              ...errorResponse(
                "RATE_LIMITED: the session started its hourly number of pairing attempts, or the tenant's rate limit or quota is spent.",
              ),
              headers: {
                'Retry-After': {
                  description: 'Seconds until the session may start another attempt.',
                  schema: { type: 'integer', minimum: 1 },
                },
              },
            },
            '500': commonErrors['500'],
            '503': errorResponse(
              'SESSION_UNAVAILABLE: no worker holds the session, or WhatsApp could not be reached to pair; SERVICE_UNAVAILABLE: retry after Retry-After seconds.',
            ),
            '504': errorResponse(
              'UPSTREAM_TIMEOUT: WhatsApp showed no code within the wait; call again to continue the same attempt.',
            ),
          },
        },
      },
    },
  };
}
