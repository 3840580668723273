import { MAX_BATCH_CONTACTS } from '../../contracts/shard-messages.ts';
import { PROFILE_PATH, PROFILE_PICTURE_PATH, PROFILES_PATH } from '../api-routes.ts';
import {
  BUSINESS_PROFILE_EXAMPLE,
  HIDDEN_PICTURE_EXAMPLE,
  PICTURE_EXAMPLE,
  PROFILE_EXAMPLE,
  PROFILES_EXAMPLE,
} from './openapi-examples.ts';
import {
  CACHE_HEADERS,
  COMMON_ERRORS,
  errorResponse,
  retryAfterHeader,
} from './openapi-responses.ts';
import { jsonContent } from './openapi-schemas.ts';

const CONTACT_PARAMETERS = [
  {
    name: 'jid',
    in: 'query',
    schema: { type: 'string' },
    example: '5511999999999@s.whatsapp.net',
    description:
      'Contact JID: <digits>@s.whatsapp.net, <digits>@lid or legacy <digits>@c.us; device suffixes are stripped. Wins over number.',
  },
  {
    name: 'number',
    in: 'query',
    schema: { type: 'string' },
    example: '+55 11 99999-9999',
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

const contactNotFound = errorResponse(
  'NOT_FOUND: the contact is not on WhatsApp, or no such route.',
  ['NOT_FOUND'],
);

/** GET /contacts/profile, GET /contacts/profile-picture and POST /contacts/profiles. */
export const CONTACTS_PATHS = {
  [PROFILE_PATH]: {
    get: {
      operationId: 'getContactProfile',
      tags: ['contacts'],
      summary: "Get a contact's profile",
      parameters: [
        ...CONTACT_PARAMETERS,
        {
          name: 'If-None-Match',
          in: 'header',
          schema: { type: 'string' },
          description: 'An ETag from an earlier 200; a match answers 304.',
        },
      ],
      responses: {
        '200': {
          description: 'The profile. X-Cache, Age, ETag and Cache-Control describe its freshness.',
          headers: CACHE_HEADERS,
          content: jsonContent('ProfileResponse', {
            personal: { summary: 'A personal account', value: PROFILE_EXAMPLE },
            business: { summary: 'A WhatsApp Business account', value: BUSINESS_PROFILE_EXAMPLE },
          }),
        },
        '304': { description: 'Not modified: If-None-Match matched the current ETag.' },
        '400': errorResponse('VALIDATION_ERROR: missing or malformed jid/number.', [
          'VALIDATION_ERROR',
        ]),
        '401': COMMON_ERRORS['401'],
        '404': contactNotFound,
        '429': COMMON_ERRORS['429'],
        '500': COMMON_ERRORS['500'],
        '503': {
          ...errorResponse(
            'SESSION_UNAVAILABLE: the session is not paired, logged out, or no worker holds it (the user or operator must act). SERVICE_UNAVAILABLE: the API’s own storage, queue or authorizer failed; retry after Retry-After seconds.',
            ['SESSION_UNAVAILABLE', 'SERVICE_UNAVAILABLE'],
          ),
          headers: retryAfterHeader('With SERVICE_UNAVAILABLE: seconds to wait before retrying.'),
        },
        '504': COMMON_ERRORS['504'],
      },
    },
  },
  [PROFILE_PICTURE_PATH]: {
    get: {
      operationId: 'getContactProfilePicture',
      tags: ['contacts'],
      summary: "Get a contact's profile picture URL",
      parameters: [
        ...CONTACT_PARAMETERS,
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
          headers: CACHE_HEADERS,
          content: jsonContent('ProfilePictureResponse', {
            picture: { summary: 'A picture', value: PICTURE_EXAMPLE },
            hidden: { summary: 'Hidden from this session', value: HIDDEN_PICTURE_EXAMPLE },
          }),
        },
        '304': { description: 'Not modified: the picture id is the one If-None-Match holds.' },
        '400': errorResponse('VALIDATION_ERROR: missing or malformed jid/number/preview.', [
          'VALIDATION_ERROR',
        ]),
        ...COMMON_ERRORS,
        '404': contactNotFound,
      },
    },
  },
  [PROFILES_PATH]: {
    post: {
      operationId: 'getContactProfiles',
      tags: ['contacts'],
      summary: 'Get many contacts’ profiles in one call',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/ProfilesRequest' },
            example: {
              contacts: [{ jid: '5511999999999@s.whatsapp.net' }, { number: '+1 415 555 0123' }],
            },
          },
        },
      },
      responses: {
        '200': {
          description:
            'One item per contact, in order. Per-item failures (a malformed jid, a number not on WhatsApp, RATE_LIMITED once the budget is spent) are items, never the call.',
          content: jsonContent('ProfilesResponse', {
            mixed: { summary: 'One found, one not on WhatsApp', value: PROFILES_EXAMPLE },
          }),
        },
        '400': errorResponse(
          `VALIDATION_ERROR: a body that is not JSON, no contacts, more than ${MAX_BATCH_CONTACTS}, an item with neither jid nor number, or an unknown field.`,
          ['VALIDATION_ERROR'],
        ),
        '401': COMMON_ERRORS['401'],
        '404': COMMON_ERRORS['404'],
        '413': errorResponse('VALIDATION_ERROR: the body is over 10 MB.', ['VALIDATION_ERROR']),
        '429': errorResponse(
          "RATE_LIMITED: the tenant's rate limit or quota is spent; see Retry-After.",
          ['RATE_LIMITED'],
        ),
        '500': COMMON_ERRORS['500'],
        '503': errorResponse('SERVICE_UNAVAILABLE: retry after Retry-After seconds.', [
          'SERVICE_UNAVAILABLE',
        ]),
      },
    },
  },
};
