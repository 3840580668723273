import {
  type ErrorCode,
  SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS,
} from '../domain/errors/app-errors.ts';
import { API_ROUTES } from './api-routes.ts';
import { JSON_CONTENT_TYPE } from './error-envelope.ts';

/**
 * The responses API Gateway produces on its own, in the contract's envelope. The CDK API turns
 * each into a gateway response (VTL template); the local gateway renders the same definitions
 * with `renderGatewayResponse`, so both speak with one voice.
 *
 * `$context.authorizer.*` values come from our authorizer's Deny context, which carries a fresh
 * ISO timestamp. API Gateway cannot format an ISO time itself, so the remaining rare paths
 * (throttling, a timed-out integration, an authorizer crash) carry `$context.requestTime`.
 * Each type is one of API Gateway's documented gateway response types.
 */
export type GatewayResponseType =
  | 'ACCESS_DENIED'
  | 'UNAUTHORIZED'
  | 'AUTHORIZER_FAILURE'
  | 'AUTHORIZER_CONFIGURATION_ERROR'
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'RESOURCE_NOT_FOUND'
  | 'THROTTLED'
  | 'QUOTA_EXCEEDED'
  | 'REQUEST_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'WAF_FILTERED'
  | 'INTEGRATION_TIMEOUT'
  | 'INTEGRATION_FAILURE'
  | 'DEFAULT_4XX'
  | 'DEFAULT_5XX';

export interface GatewayResponseEnvelope {
  type: GatewayResponseType;
  /**
   * The status to answer with. Absent on the DEFAULT_4XX / DEFAULT_5XX fallbacks: a status
   * there would replace the status of every response type without an entry of its own.
   */
  statusCode?: number;
  errorCode: ErrorCode;
  /** A literal message, or a `$context.…` reference resolved by API Gateway. */
  message: string;
  timestamp: string;
  headers?: Record<string, string>;
}

/** An envelope API Gateway renders without a gateway response type: the unknown routes' 404. */
export type EnvelopeTemplate = Omit<GatewayResponseEnvelope, 'type'>;

/** Keys our authorizer puts into its Deny context, read by the ACCESS_DENIED response. */
export const DENY_CONTEXT_KEYS = { message: 'errorMessage', timestamp: 'errorTimestamp' } as const;

const REQUEST_TIME = '$context.requestTime';
/** The contract's SERVICE_UNAVAILABLE: our own authorizer or storage failed; retry soon. */
const RETRY_SHORTLY = { 'Retry-After': String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS) };
const AUTHORIZATION_UNAVAILABLE = 'authorization is temporarily unavailable; retry shortly';

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
  // API Gateway answers AUTHORIZER_CONFIGURATION_ERROR when the authorizer function throws,
  // times out or cannot be invoked, AUTHORIZER_FAILURE when it could not authenticate the
  // caller: for a client both mean our own authorizer failed, so both are 503 with Retry-After.
  {
    type: 'AUTHORIZER_FAILURE',
    statusCode: 503,
    errorCode: 'SERVICE_UNAVAILABLE',
    message: AUTHORIZATION_UNAVAILABLE,
    timestamp: REQUEST_TIME,
    headers: RETRY_SHORTLY,
  },
  {
    type: 'AUTHORIZER_CONFIGURATION_ERROR',
    statusCode: 503,
    errorCode: 'SERVICE_UNAVAILABLE',
    message: AUTHORIZATION_UNAVAILABLE,
    timestamp: REQUEST_TIME,
    headers: RETRY_SHORTLY,
  },
  {
    type: 'MISSING_AUTHENTICATION_TOKEN',
    statusCode: 404,
    errorCode: 'NOT_FOUND',
    message: 'no such route; use GET /contacts/profile',
    timestamp: REQUEST_TIME,
  },
  {
    type: 'RESOURCE_NOT_FOUND',
    statusCode: 404,
    errorCode: 'NOT_FOUND',
    message: 'no such route; use GET /contacts/profile',
    timestamp: REQUEST_TIME,
  },
  // The tenant's usage plan: its throttle refills within a second; its quota only when the next
  // quota period starts, a time API Gateway cannot put in a gateway response, so the header
  // asks for an hour (docs/hardening.md, "Fair use").
  {
    type: 'THROTTLED',
    statusCode: 429,
    errorCode: 'RATE_LIMITED',
    message: "too many requests for this tenant's rate limit; slow down and retry",
    timestamp: REQUEST_TIME,
    headers: { 'Retry-After': '1' },
  },
  {
    type: 'QUOTA_EXCEEDED',
    statusCode: 429,
    errorCode: 'RATE_LIMITED',
    message: "this tenant's request quota is spent until its next quota period starts",
    timestamp: REQUEST_TIME,
    headers: { 'Retry-After': '3600' },
  },
  {
    type: 'REQUEST_TOO_LARGE',
    statusCode: 413,
    errorCode: 'VALIDATION_ERROR',
    message: 'the request is too large',
    timestamp: REQUEST_TIME,
  },
  {
    type: 'UNSUPPORTED_MEDIA_TYPE',
    statusCode: 415,
    errorCode: 'VALIDATION_ERROR',
    message: 'unsupported media type; send application/json',
    timestamp: REQUEST_TIME,
  },
  {
    type: 'WAF_FILTERED',
    statusCode: 403,
    errorCode: 'UNAUTHORIZED',
    message: "the request was blocked by the API's web application firewall",
    timestamp: REQUEST_TIME,
  },
  {
    type: 'INTEGRATION_TIMEOUT',
    statusCode: 504,
    errorCode: 'UPSTREAM_TIMEOUT',
    message: 'the request did not finish in time',
    timestamp: REQUEST_TIME,
  },
  {
    // The contacts function could not be invoked (throttled, or failed before answering).
    type: 'INTEGRATION_FAILURE',
    statusCode: 503,
    errorCode: 'SERVICE_UNAVAILABLE',
    message: 'the API could not run the request; retry shortly',
    timestamp: REQUEST_TIME,
    headers: RETRY_SHORTLY,
  },
  {
    // No status: every other 4XX keeps API Gateway's own status (403 for an unsigned or
    // expired IAM request, 400 for a bad body), with the envelope and API Gateway's message.
    type: 'DEFAULT_4XX',
    errorCode: 'VALIDATION_ERROR',
    // messageString is API Gateway's JSON-quoted form of the message: quotes stay valid JSON.
    message: '$context.error.messageString',
    timestamp: REQUEST_TIME,
  },
  {
    type: 'DEFAULT_5XX',
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
export function gatewayResponseTemplate(envelope: EnvelopeTemplate): string {
  return `{"success":false,"error":${jsonStringSlot(envelope.message)},"error_code":"${envelope.errorCode}","timestamp":${jsonStringSlot(envelope.timestamp)}}`;
}

/** Header values for API Gateway's gateway response (static values are single-quoted there). */
export function gatewayResponseHeaders(envelope: EnvelopeTemplate): Record<string, string> {
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
 * values from `context` (JSON-escaped, as the values sit inside JSON strings). A fallback
 * without a status of its own answers with `defaultStatusCode`, the status of the response
 * type API Gateway fell back from.
 */
export function renderGatewayResponse(
  type: GatewayResponseType,
  context: Record<string, string>,
  defaultStatusCode?: number,
): { statusCode: number; headers: Record<string, string>; body: string } {
  return renderEnvelopeTemplate(findGatewayResponseEnvelope(type), context, defaultStatusCode);
}

/**
 * The 404 envelope of an unknown route (a `NO_FUNCTION` route of API_ROUTES): on a known path,
 * it names the methods the path has.
 */
export function unknownRouteEnvelope(path: string): EnvelopeTemplate & { statusCode: number } {
  const methods = API_ROUTES.filter((route) => route.path === path && route.authorized).map(
    (route) => route.method,
  );
  return {
    statusCode: 404,
    errorCode: 'NOT_FOUND',
    message:
      methods.length === 0
        ? 'no such route; use GET /contacts/profile'
        : `no route for $context.httpMethod ${path}; use ${methods.join(' or ')} ${path}`,
    timestamp: REQUEST_TIME,
  };
}

/** Renders an envelope template as API Gateway would (see renderGatewayResponse). */
export function renderEnvelopeTemplate(
  envelope: EnvelopeTemplate,
  context: Record<string, string>,
  defaultStatusCode?: number,
): { statusCode: number; headers: Record<string, string>; body: string } {
  const body = gatewayResponseTemplate(envelope).replace(
    /\$context\.([A-Za-z0-9_.]+)/g,
    (match, key: string) => {
      if (QUOTED_VARIABLE.test(match)) {
        return JSON.stringify(context[key.slice(0, -'String'.length)] ?? '');
      }
      return JSON.stringify(context[key] ?? '').slice(1, -1);
    },
  );
  const statusCode = envelope.statusCode ?? defaultStatusCode;
  if (statusCode === undefined) throw new Error('a fallback needs the status it falls back from');
  return {
    statusCode,
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
