import type { ErrorCode } from '../../domain/errors/error-codes.ts';
import { ERROR_EXAMPLES } from './openapi-examples.ts';
import { jsonContent } from './openapi-schemas.ts';

/** An error response: the envelope, with one example per code it may carry. */
export function errorResponse(description: string, codes: readonly ErrorCode[]) {
  return {
    description,
    content: jsonContent(
      'ErrorEnvelope',
      Object.fromEntries(codes.map((code) => [code, ERROR_EXAMPLES[code]])),
    ),
  };
}

export const retryAfterHeader = (description: string) => ({
  'Retry-After': { description, schema: { type: 'integer', minimum: 1 } },
});

/** The error answers every authorized route shares. */
export const COMMON_ERRORS = {
  '401': errorResponse('UNAUTHORIZED: missing, malformed, unknown or revoked token.', [
    'UNAUTHORIZED',
  ]),
  '404': errorResponse('NOT_FOUND: no such route.', ['NOT_FOUND']),
  '429': errorResponse(
    "RATE_LIMITED: the user's live-lookup budget, or the tenant's rate limit or quota, is spent, or WhatsApp restricts the session's account (the message names temporary_ban or reachout_timelock; GET /session says until when); see Retry-After.",
    ['RATE_LIMITED'],
  ),
  '500': errorResponse('INTERNAL_ERROR.', ['INTERNAL_ERROR']),
  '503': errorResponse(
    'SESSION_UNAVAILABLE (the session is not paired or no worker holds it) or SERVICE_UNAVAILABLE (retry after Retry-After seconds).',
    ['SESSION_UNAVAILABLE', 'SERVICE_UNAVAILABLE'],
  ),
  '504': errorResponse('UPSTREAM_TIMEOUT: the live lookup missed its deadline.', [
    'UPSTREAM_TIMEOUT',
  ]),
};

export const CACHE_HEADERS = {
  'X-Cache': {
    description: 'HIT (fresh from cache), MISS (fetched now) or STALE (cache past freshness).',
    schema: { type: 'string', enum: ['HIT', 'MISS', 'STALE'] },
  },
  Age: { description: 'Seconds since the profile was fetched.', schema: { type: 'integer' } },
  ETag: { description: 'For If-None-Match.', schema: { type: 'string' } },
  'Cache-Control': {
    description: 'How long a client may reuse the answer.',
    schema: { type: 'string', example: 'private, max-age=3600' },
  },
};
