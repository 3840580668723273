import {
  ADMIN_SESSIONS_PATH,
  ADMIN_TOKEN_PATH,
  ADMIN_TOKENS_PATH,
  ADMIN_WEBHOOK_PATH,
} from '../api-routes.ts';
import { ADMIN_EXAMPLES, EVENT_EXAMPLES } from './openapi-examples.ts';
import { COMMON_ERRORS, errorResponse } from './openapi-responses.ts';
import { jsonContent } from './openapi-schemas.ts';

const ok = (data: unknown) => ({ success: true, data });
const NOTE =
  "Admin tokens only (role admin; the first one made with npm run token -- create --role admin); acts on the token's own tenant.";
/** What every admin operation may answer besides its own success and errors. */
const ADMIN_ERRORS = {
  '401': COMMON_ERRORS['401'],
  '403': errorResponse('FORBIDDEN: a user token; these routes need an admin token.', ['FORBIDDEN']),
  '500': COMMON_ERRORS['500'],
  '503': errorResponse('SERVICE_UNAVAILABLE: retry after Retry-After seconds.', [
    'SERVICE_UNAVAILABLE',
  ]),
};
const badBody = (description: string) => errorResponse(description, ['VALIDATION_ERROR']);

/** What the webhook receives: one signed POST per event, retried until it answers 2xx. */
const WEBHOOK_DELIVERY = {
  '{$request.body#/url}': {
    post: {
      operationId: 'deliverEvent',
      summary: 'One event, signed (Standard Webhooks headers)',
      description:
        'At least once, retried with backoff for at least a day until the endpoint answers 2xx; webhook-id is the same on every attempt, so a receiver can drop a repeat.',
      security: [],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              oneOf: [
                { $ref: '#/components/schemas/SessionStatusEvent' },
                { $ref: '#/components/schemas/ContactChangedEvent' },
              ],
            },
            examples: {
              contactChanged: {
                summary: 'A cached contact set a new picture',
                value: EVENT_EXAMPLES.contactChanged,
              },
            },
          },
        },
      },
      responses: {
        '2XX': { description: 'Delivered: not sent again.' },
        '4XX': { description: 'Not delivered: sent again later (as any other answer, or none).' },
      },
    },
  },
};

/** POST, GET /admin/tokens, DELETE /admin/tokens/{id}, GET /admin/sessions, PUT, GET, DELETE /admin/webhook. */
export const ADMIN_PATHS = {
  [ADMIN_TOKENS_PATH]: {
    post: {
      operationId: 'createToken',
      tags: ['admin'],
      summary: "Create a user token for one of the tenant's users",
      description: `${NOTE} The token is in this answer only; it is stored as a hash.`,
      requestBody: {
        required: true,
        content: jsonContent('CreateTokenRequest', {
          token: { summary: 'A token for alice', value: { user: 'alice', label: 'CRM sync' } },
        }),
      },
      responses: {
        '201': {
          description: 'Created.',
          content: jsonContent('CreatedTokenResponse', {
            created: { summary: 'The new token', value: ok(ADMIN_EXAMPLES.createdToken) },
          }),
        },
        '400': badBody('VALIDATION_ERROR: a bad body (user ids: 1-64 letters, digits, . _ -).'),
        ...ADMIN_ERRORS,
      },
    },
    get: {
      operationId: 'listTokens',
      tags: ['admin'],
      summary: "List the tenant's tokens (never a token itself)",
      description: `${NOTE} Revoked tokens are not listed.`,
      parameters: [
        { name: 'user', in: 'query', schema: { type: 'string' }, description: 'Only this user.' },
      ],
      responses: {
        '200': {
          description: 'The tokens, oldest first.',
          content: jsonContent('TokensResponse', {
            tokens: { summary: "The tenant's tokens", value: ok([ADMIN_EXAMPLES.token]) },
          }),
        },
        '400': badBody('VALIDATION_ERROR: a malformed user id.'),
        ...ADMIN_ERRORS,
      },
    },
  },
  [ADMIN_TOKEN_PATH]: {
    delete: {
      operationId: 'revokeToken',
      tags: ['admin'],
      summary: 'Revoke a token',
      description: `${NOTE} The authorizer refuses the token within 60 s.`,
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': {
          description: 'Revoked (again: the first revocation time).',
          content: jsonContent('RevokedTokenResponse', {
            revoked: { summary: 'Revoked', value: ok(ADMIN_EXAMPLES.revokedToken) },
          }),
        },
        '404': errorResponse('NOT_FOUND: no such token in this tenant.', ['NOT_FOUND']),
        ...ADMIN_ERRORS,
      },
    },
  },
  [ADMIN_SESSIONS_PATH]: {
    get: {
      operationId: 'listSessions',
      tags: ['admin'],
      summary: "The sessions of the tenant's users, with their status",
      description: `${NOTE} One entry per user holding a live token.`,
      responses: {
        '200': {
          description: 'The sessions.',
          content: jsonContent('AdminSessionsResponse', {
            sessions: { summary: "The tenant's sessions", value: ok([ADMIN_EXAMPLES.session]) },
          }),
        },
        ...ADMIN_ERRORS,
      },
    },
  },
  [ADMIN_WEBHOOK_PATH]: {
    put: {
      operationId: 'setWebhook',
      tags: ['admin'],
      summary: "Set (or replace) the tenant's webhook, with a new signing secret",
      description: `${NOTE} Deliveries are signed per the Standard Webhooks specification (webhook-id, webhook-timestamp, webhook-signature) with the secret, which is shown in this answer only. The URL must be https and resolve to public addresses only (checked now and at every delivery). Each delivery's body is an event: \`session.status\` (components/schemas/SessionStatusEvent) when a session's status changes, \`contact.changed\` (components/schemas/ContactChangedEvent) when WhatsApp tells a session that a contact it has cached changed its picture, about text, verified name or devices.`,
      requestBody: {
        required: true,
        content: jsonContent('SetWebhookRequest', {
          webhook: { summary: 'Session events to a CRM', value: ADMIN_EXAMPLES.webhook },
        }),
      },
      responses: {
        '200': {
          description: 'Set.',
          content: jsonContent('WebhookWithSecretResponse', {
            set: {
              summary: 'Set, with its new secret',
              value: ok(ADMIN_EXAMPLES.webhookWithSecret),
            },
          }),
        },
        '400': badBody(
          'VALIDATION_ERROR: a bad body, or a URL refused (scheme, or a private, loopback or link-local address).',
        ),
        ...ADMIN_ERRORS,
      },
      callbacks: { event: WEBHOOK_DELIVERY },
    },
    get: {
      operationId: 'getWebhook',
      tags: ['admin'],
      summary: "The tenant's webhook (never its secret), or null",
      description: NOTE,
      responses: {
        '200': {
          description: 'The webhook or null.',
          content: jsonContent('WebhookResponse', {
            set: { summary: 'A webhook is set', value: ok(ADMIN_EXAMPLES.webhook) },
            none: { summary: 'No webhook', value: ok(null) },
          }),
        },
        ...ADMIN_ERRORS,
      },
    },
    delete: {
      operationId: 'deleteWebhook',
      tags: ['admin'],
      summary: "Remove the tenant's webhook",
      description: NOTE,
      responses: {
        '200': {
          description: 'Removed (or there was none).',
          content: jsonContent('NullResponse', {
            removed: { summary: 'Removed', value: ok(null) },
          }),
        },
        ...ADMIN_ERRORS,
      },
    },
  },
};
