/** Every error code a client can see, in the contract's envelope and in worker replies. */
export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
  'SESSION_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
