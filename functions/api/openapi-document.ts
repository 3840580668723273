import * as z from 'zod';
import { errorCodeSchema } from '../contracts/profile-request-messages.ts';
import { contactProfileSchema } from '../domain/contact/contact-profile.ts';
import { PROFILE_PATH } from './api-routes.ts';

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
    },
  };
}
