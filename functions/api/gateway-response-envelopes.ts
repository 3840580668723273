import type { ErrorCode } from '../domain/errors/app-errors.ts';
import { JSON_CONTENT_TYPE } from './error-envelope.ts';

/**
 * The responses API Gateway produces on its own, in the contract's envelope. The CDK API turns
 * each into a gateway response (VTL template); the local gateway renders the same definitions
 * with `renderGatewayResponse`, so both speak with one voice.
 *
 * `$context.authorizer.*` values come from our authorizer's Deny context, which carries a fresh
 * ISO timestamp. API Gateway cannot format an ISO time itself, so the remaining rare paths
 * (throttling, a timed-out integration, an authorizer crash) carry `$context.requestTime`.
 */
export type GatewayResponseType =
  | 'ACCESS_DENIED'
  | 'UNAUTHORIZED'
  | 'AUTHORIZER_FAILURE'
  | 'AUTHORIZER_CONFIGURATION_ERROR'
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'THROTTLED'
  | 'INTEGRATION_TIMEOUT'
  | 'DEFAULT_4XX'
  | 'DEFAULT_5XX';

export interface GatewayResponseEnvelope {
  type: GatewayResponseType;
  statusCode: number;
  errorCode: ErrorCode;
  /** A literal message, or a `$context.…` reference resolved by API Gateway. */
  message: string;
  timestamp: string;
  headers?: Record<string, string>;
}

/** Keys our authorizer puts into its Deny context, read by the ACCESS_DENIED response. */
export const DENY_CONTEXT_KEYS = { message: 'errorMessage', timestamp: 'errorTimestamp' } as const;

const REQUEST_TIME = '$context.requestTime';

export const GATEWAY_RESPONSE_ENVELOPES: readonly GatewayResponseEnvelope[] = [
  {
    type: 'ACCESS_DENIED',
    statusCode: 401,
    errorCode: 'UNAUTHORIZED',
    message: `$context.authorizer.${DENY_CONTEXT_KEYS.message}`,
    timestamp: `$context.authorizer.${DENY_CONTEXT_KEYS.timestamp}`,
    headers: { 'WWW-Authenticate': 'Bearer' },
  },
  {
    type: 'UNAUTHORIZED',
    statusCode: 401,
    errorCode: 'UNAUTHORIZED',
    message: 'a bearer token is required: Authorization: Bearer <token>',
    timestamp: REQUEST_TIME,
    headers: { 'WWW-Authenticate': 'Bearer' },
  },
  {
    type: 'AUTHORIZER_FAILURE',
    statusCode: 503,
    errorCode: 'SESSION_UNAVAILABLE',
    message: 'authorization is temporarily unavailable; retry shortly',
    timestamp: REQUEST_TIME,
    headers: { 'Retry-After': '1' },
  },
  {
    type: 'AUTHORIZER_CONFIGURATION_ERROR',
    statusCode: 500,
    errorCode: 'INTERNAL_ERROR',
    message: 'internal error; the request was logged and can be retried',
    timestamp: REQUEST_TIME,
  },
  {
    type: 'MISSING_AUTHENTICATION_TOKEN',
    statusCode: 404,
    errorCode: 'NOT_FOUND',
    message: 'no such route; use GET /contacts/profile',
    timestamp: REQUEST_TIME,
  },
  {
    type: 'THROTTLED',
    statusCode: 429,
    errorCode: 'RATE_LIMITED',
    message: 'too many requests; slow down and retry',
    timestamp: REQUEST_TIME,
    headers: { 'Retry-After': '1' },
  },
  {
    type: 'INTEGRATION_TIMEOUT',
    statusCode: 504,
    errorCode: 'UPSTREAM_TIMEOUT',
    message: 'the request did not finish in time',
    timestamp: REQUEST_TIME,
  },
  {
    type: 'DEFAULT_4XX',
    statusCode: 400,
    errorCode: 'VALIDATION_ERROR',
    // messageString is API Gateway's JSON-quoted form of the message: quotes stay valid JSON.
    message: '$context.error.messageString',
    timestamp: REQUEST_TIME,
  },
  {
    type: 'DEFAULT_5XX',
    statusCode: 500,
    errorCode: 'INTERNAL_ERROR',
    message: 'internal error; the request was logged and can be retried',
    timestamp: REQUEST_TIME,
  },
];

/** `$context.…String` variables arrive already quoted and escaped as JSON strings. */
const QUOTED_VARIABLE = /^\$context\.[A-Za-z0-9_.]+String$/;

function jsonStringSlot(value: string): string {
  return QUOTED_VARIABLE.test(value) ? value : `"${value}"`;
}

/**
 * The application/json body template for API Gateway (the `$context` references stay as-is).
 * Our own authorizer's messages are fixed sentences without quotes or backslashes, so they
 * need no escaping inside the template.
 */
export function gatewayResponseTemplate(envelope: GatewayResponseEnvelope): string {
  return `{"success":false,"error":${jsonStringSlot(envelope.message)},"error_code":"${envelope.errorCode}","timestamp":${jsonStringSlot(envelope.timestamp)}}`;
}

/** Header values for API Gateway's gateway response (static values are single-quoted there). */
export function gatewayResponseHeaders(envelope: GatewayResponseEnvelope): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': `'${JSON_CONTENT_TYPE}'` };
  for (const [name, value] of Object.entries(envelope.headers ?? {})) headers[name] = `'${value}'`;
  return headers;
}

export function findGatewayResponseEnvelope(type: GatewayResponseType): GatewayResponseEnvelope {
  const envelope = GATEWAY_RESPONSE_ENVELOPES.find((candidate) => candidate.type === type);
  if (!envelope) throw new Error(`no gateway response envelope for ${type}`);
  return envelope;
}

/**
 * Renders a gateway response as API Gateway would: `$context.x.y` references are replaced by
 * values from `context` (JSON-escaped, as the values sit inside JSON strings).
 */
export function renderGatewayResponse(
  type: GatewayResponseType,
  context: Record<string, string>,
): { statusCode: number; headers: Record<string, string>; body: string } {
  const envelope = findGatewayResponseEnvelope(type);
  const body = gatewayResponseTemplate(envelope).replace(
    /\$context\.([A-Za-z0-9_.]+)/g,
    (match, key: string) => {
      if (QUOTED_VARIABLE.test(match)) {
        return JSON.stringify(context[key.slice(0, -'String'.length)] ?? '');
      }
      return JSON.stringify(context[key] ?? '').slice(1, -1);
    },
  );
  return {
    statusCode: envelope.statusCode,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, ...envelope.headers },
    body,
  };
}

/** `$context.requestTime` as API Gateway writes it: 25/Nov/2026:14:10:50 +0000. */
export function apiGatewayRequestTime(now: Date = new Date()): string {
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(now.getUTCDate())}/${months[now.getUTCMonth()]}/${now.getUTCFullYear()}:${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())} +0000`;
}
