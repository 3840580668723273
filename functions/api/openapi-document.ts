import * as z from 'zod';
import { errorCodeSchema, MAX_BATCH_CONTACTS } from '../contracts/profile-request-messages.ts';
import { contactProfileSchema } from '../domain/contact/contact-profile.ts';
import { contactPictureSchema } from '../domain/contact/profile-picture.ts';
import { PROFILE_PATH, PROFILE_PICTURE_PATH, PROFILES_PATH } from './api-routes.ts';

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

const profilesRequestSchema = z.object({
  contacts: z
    .array(
      z.object({
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
  const commonErrors = {
    '401': errorResponse('UNAUTHORIZED: missing, malformed, unknown or revoked token.'),
    '429': errorResponse('RATE_LIMITED: live-lookup budget spent; see Retry-After.'),
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
        "Returns a contact's user info and, for a WhatsApp Business account, its business profile.",
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
        ErrorEnvelope: jsonSchema(errorEnvelopeSchema),
      },
    },
    security: [{ bearerAuth: [] }],
    paths: {
      [PROFILE_PATH]: {
        get: {
          summary: "Get a contact's profile",
          parameters: [
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
              headers: {
                'X-Cache': { schema: { type: 'string', enum: ['HIT', 'MISS', 'STALE'] } },
                Age: { schema: { type: 'integer' } },
                ETag: { schema: { type: 'string' } },
                'Cache-Control': { schema: { type: 'string', example: 'private, max-age=3600' } },
              },
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/ProfileResponse' } },
              },
            },
            '304': { description: 'Not modified: If-None-Match matched the current ETag.' },
            '400': errorResponse('VALIDATION_ERROR: missing or malformed jid/number.'),
            '401': errorResponse('UNAUTHORIZED: missing, malformed, unknown or revoked token.'),
            '404': errorResponse('NOT_FOUND: the contact is not on WhatsApp, or no such route.'),
            '429': errorResponse('RATE_LIMITED: live-lookup budget spent; see Retry-After.'),
            '500': errorResponse('INTERNAL_ERROR.'),
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
            '504': errorResponse('UPSTREAM_TIMEOUT: the live lookup missed its deadline.'),
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
              `VALIDATION_ERROR: a body that is not JSON, no contacts, more than ${MAX_BATCH_CONTACTS}, or an item with neither jid nor number.`,
            ),
            '401': commonErrors['401'],
            '404': errorResponse('NOT_FOUND: no such route.'),
            '500': commonErrors['500'],
            '503': errorResponse('SERVICE_UNAVAILABLE: retry after Retry-After seconds.'),
          },
        },
      },
    },
  };
}
