import * as z from 'zod';
import {
  adminSessionSchema,
  createdTokenSchema,
  createTokenRequestSchema,
  revokedTokenSchema,
  setWebhookRequestSchema,
  tokenSchema,
  webhookSchema,
  webhookWithSecretSchema,
} from './admin-bodies.ts';
import {
  ADMIN_SESSIONS_PATH,
  ADMIN_TOKEN_PATH,
  ADMIN_TOKENS_PATH,
  ADMIN_WEBHOOK_PATH,
} from './api-routes.ts';

/**
 * The admin operations of the OpenAPI document, in a module of their own: the document spreads
 * their schemas and paths in. Built from the same zod schemas the routes validate with.
 */
const success = (data: z.ZodType) => z.object({ success: z.literal(true), data });

function jsonSchema(schema: z.ZodType) {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output' });
}

const ref = (name: string) => ({
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
});
const error = (description: string) => ({ description, ...ref('ErrorEnvelope') });
const ADMIN_ERRORS = {
  '401': error('UNAUTHORIZED: missing, malformed, unknown or revoked token.'),
  '403': error('FORBIDDEN: a user token; these routes need an admin token.'),
  '500': error('INTERNAL_ERROR.'),
  '503': error('SERVICE_UNAVAILABLE: retry after Retry-After seconds.'),
};
const ADMIN_NOTE =
  'Admin tokens only (role admin, made with npm run token -- create --role admin); acts on the token’s own tenant.';

export const ADMIN_OPENAPI_SCHEMAS = {
  CreateTokenRequest: jsonSchema(createTokenRequestSchema),
  CreatedTokenResponse: jsonSchema(success(createdTokenSchema)),
  TokensResponse: jsonSchema(success(z.array(tokenSchema))),
  RevokedTokenResponse: jsonSchema(success(revokedTokenSchema)),
  AdminSessionsResponse: jsonSchema(success(z.array(adminSessionSchema))),
  SetWebhookRequest: jsonSchema(setWebhookRequestSchema),
  WebhookWithSecretResponse: jsonSchema(success(webhookWithSecretSchema)),
  WebhookResponse: jsonSchema(success(webhookSchema.nullable())),
  NullResponse: jsonSchema(success(z.null())),
};

export const ADMIN_OPENAPI_PATHS = {
  [ADMIN_TOKENS_PATH]: {
    post: {
      summary: 'Create a user token for one of the tenant’s users',
      description: `${ADMIN_NOTE} The token is in this answer only; it is stored as a hash.`,
      requestBody: { required: true, ...ref('CreateTokenRequest') },
      responses: {
        '201': { description: 'Created.', ...ref('CreatedTokenResponse') },
        '400': error('VALIDATION_ERROR: a bad body (user ids: 1-64 letters, digits, . _ -).'),
        ...ADMIN_ERRORS,
      },
    },
    get: {
      summary: 'List the tenant’s tokens (never a token itself)',
      description: `${ADMIN_NOTE} Revoked tokens are not listed.`,
      parameters: [
        { name: 'user', in: 'query', schema: { type: 'string' }, description: 'Only this user.' },
      ],
      responses: {
        '200': { description: 'The tokens, oldest first.', ...ref('TokensResponse') },
        '400': error('VALIDATION_ERROR: a malformed user id.'),
        ...ADMIN_ERRORS,
      },
    },
  },
  [ADMIN_TOKEN_PATH]: {
    delete: {
      summary: 'Revoke a token',
      description: `${ADMIN_NOTE} The authorizer refuses the token within 60 s.`,
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': {
          description: 'Revoked (again: the first revocation time).',
          ...ref('RevokedTokenResponse'),
        },
        '404': error('NOT_FOUND: no such token in this tenant.'),
        ...ADMIN_ERRORS,
      },
    },
  },
  [ADMIN_SESSIONS_PATH]: {
    get: {
      summary: 'The sessions of the tenant’s users, with their status',
      description: `${ADMIN_NOTE} One entry per user holding a live token.`,
      responses: {
        '200': { description: 'The sessions.', ...ref('AdminSessionsResponse') },
        ...ADMIN_ERRORS,
      },
    },
  },
  [ADMIN_WEBHOOK_PATH]: {
    put: {
      summary: 'Set (or replace) the tenant’s webhook, with a new signing secret',
      description: `${ADMIN_NOTE} Deliveries are signed per the Standard Webhooks specification (webhook-id, webhook-timestamp, webhook-signature) with the secret, which is shown in this answer only. The URL must be https and resolve to public addresses only (checked now and at every delivery).`,
      requestBody: { required: true, ...ref('SetWebhookRequest') },
      responses: {
        '200': { description: 'Set.', ...ref('WebhookWithSecretResponse') },
        '400': error(
          'VALIDATION_ERROR: a bad body, or a URL refused (scheme, or a private, loopback or link-local address).',
        ),
        ...ADMIN_ERRORS,
      },
    },
    get: {
      summary: 'The tenant’s webhook (never its secret), or null',
      description: ADMIN_NOTE,
      responses: {
        '200': { description: 'The webhook or null.', ...ref('WebhookResponse') },
        ...ADMIN_ERRORS,
      },
    },
    delete: {
      summary: 'Remove the tenant’s webhook',
      description: ADMIN_NOTE,
      responses: {
        '200': { description: 'Removed (or there was none).', ...ref('NullResponse') },
        ...ADMIN_ERRORS,
      },
    },
  },
};
