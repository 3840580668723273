/**
 * The API's routes, read by the CDK API and by the local gateway. Every path and method has a
 * route; those of `NO_FUNCTION` are answered by API Gateway itself (a MOCK integration rendering
 * the 404 envelope, see `unknownRouteEnvelope`), so an anonymous caller probing unknown paths
 * or methods never invokes a function.
 *
 * Each route names the HTTP function that serves it. Routes share a function when they need the
 * same dependencies (and so the same bundle and grants); see docs/architecture.md.
 */
export type ApiFunction =
  /** Contact lookups: the cache, the request queues and a reply queue. Also the 404 answerer. */
  | 'contacts'
  /** The user's own WhatsApp session: its status, pairing and logout (the sessions table). */
  | 'session'
  /** The web console's page and assets (no AWS resources). */
  | 'console'
  /** Tenant administration (admin tokens): tokens, sessions and the webhook of the tenant. */
  | 'admin';

/** A route served by no function: API Gateway answers 404 NOT_FOUND itself (MOCK integration). */
export const NO_FUNCTION = 'none';

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'ANY';
  path: string;
  /**
   * Whether the REQUEST authorizer runs first. Authorized routes also require the tenant's
   * usage key (which the authorizer supplies), so the tenant's usage plan counts them.
   */
  authorized: boolean;
  function: ApiFunction | typeof NO_FUNCTION;
}

export const PROFILE_PATH = '/contacts/profile';
export const PROFILE_PICTURE_PATH = '/contacts/profile-picture';
export const PROFILES_PATH = '/contacts/profiles';
export const SESSION_PATH = '/session';
export const SESSION_PAIR_PATH = '/session/pair';
/** The web console: its page at the API's base URL, its files under `console/`. */
export const CONSOLE_PATH = '/';
export const CONSOLE_ASSETS_PATH = '/console/{asset+}';
const CONSOLE_ASSETS_PREFIX = '/console/';
export const ADMIN_TOKENS_PATH = '/admin/tokens';
export const ADMIN_TOKEN_PATH = '/admin/tokens/{id}';
export const ADMIN_SESSIONS_PATH = '/admin/sessions';
export const ADMIN_WEBHOOK_PATH = '/admin/webhook';

/** The paths with routes of their own; anything else is `/{proxy+}` (or `/`, or the console's). */
const KNOWN_PATHS: readonly string[] = [
  PROFILE_PATH,
  PROFILE_PICTURE_PATH,
  PROFILES_PATH,
  SESSION_PATH,
  SESSION_PAIR_PATH,
  ADMIN_TOKENS_PATH,
  ADMIN_TOKEN_PATH,
  ADMIN_SESSIONS_PATH,
  ADMIN_WEBHOOK_PATH,
];

export const API_ROUTES = [
  { method: 'GET', path: PROFILE_PATH, authorized: true, function: 'contacts' },
  { method: 'ANY', path: PROFILE_PATH, authorized: false, function: NO_FUNCTION },
  { method: 'GET', path: PROFILE_PICTURE_PATH, authorized: true, function: 'contacts' },
  { method: 'ANY', path: PROFILE_PICTURE_PATH, authorized: false, function: NO_FUNCTION },
  { method: 'POST', path: PROFILES_PATH, authorized: true, function: 'contacts' },
  { method: 'ANY', path: PROFILES_PATH, authorized: false, function: NO_FUNCTION },
  { method: 'GET', path: SESSION_PATH, authorized: true, function: 'session' },
  { method: 'DELETE', path: SESSION_PATH, authorized: true, function: 'session' },
  { method: 'ANY', path: SESSION_PATH, authorized: false, function: NO_FUNCTION },
  { method: 'POST', path: SESSION_PAIR_PATH, authorized: true, function: 'session' },
  { method: 'ANY', path: SESSION_PAIR_PATH, authorized: false, function: NO_FUNCTION },
  { method: 'GET', path: CONSOLE_PATH, authorized: false, function: 'console' },
  { method: 'ANY', path: CONSOLE_PATH, authorized: false, function: NO_FUNCTION },
  { method: 'GET', path: CONSOLE_ASSETS_PATH, authorized: false, function: 'console' },
  { method: 'ANY', path: CONSOLE_ASSETS_PATH, authorized: false, function: NO_FUNCTION },
  { method: 'POST', path: ADMIN_TOKENS_PATH, authorized: true, function: 'admin' },
  { method: 'GET', path: ADMIN_TOKENS_PATH, authorized: true, function: 'admin' },
  { method: 'ANY', path: ADMIN_TOKENS_PATH, authorized: false, function: NO_FUNCTION },
  { method: 'DELETE', path: ADMIN_TOKEN_PATH, authorized: true, function: 'admin' },
  { method: 'ANY', path: ADMIN_TOKEN_PATH, authorized: false, function: NO_FUNCTION },
  { method: 'GET', path: ADMIN_SESSIONS_PATH, authorized: true, function: 'admin' },
  { method: 'ANY', path: ADMIN_SESSIONS_PATH, authorized: false, function: NO_FUNCTION },
  { method: 'PUT', path: ADMIN_WEBHOOK_PATH, authorized: true, function: 'admin' },
  { method: 'GET', path: ADMIN_WEBHOOK_PATH, authorized: true, function: 'admin' },
  { method: 'DELETE', path: ADMIN_WEBHOOK_PATH, authorized: true, function: 'admin' },
  { method: 'ANY', path: ADMIN_WEBHOOK_PATH, authorized: false, function: NO_FUNCTION },
  { method: 'ANY', path: '/{proxy+}', authorized: false, function: NO_FUNCTION },
] as const satisfies readonly ApiRoute[];

/** Whether a request path fits a resource path, `{name}` standing for one segment. */
function fitsResource(resource: string, path: string): boolean {
  const want = resource.split('/');
  const have = path.split('/');
  return (
    want.length === have.length &&
    want.every((part, at) => (/^\{\w+\}$/.test(part) ? (have[at] ?? '') !== '' : part === have[at]))
  );
}

/** A path segment as API Gateway hands it over: percent-decoded, left as sent when malformed. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The `{name}` segments of a request path under its resource path (null when none). */
export function pathParametersOf(resource: string, path: string): Record<string, string> | null {
  const names = resource.split('/');
  const values = path.split('/');
  const parameters = Object.fromEntries(
    names.flatMap((part, at) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name ? [[name, decodedSegment(values[at] ?? '')]] : [];
    }),
  );
  return Object.keys(parameters).length > 0 ? parameters : null;
}

/** Matches a request to its route as API Gateway does: exact method first, then ANY. */
export function matchApiRoute(method: string, path: string): ApiRoute {
  const known = KNOWN_PATHS.includes(path)
    ? path
    : KNOWN_PATHS.find((candidate) => fitsResource(candidate, path));
  const resource =
    known ??
    (path === '/'
      ? '/'
      : path.startsWith(CONSOLE_ASSETS_PREFIX) && path.length > CONSOLE_ASSETS_PREFIX.length
        ? CONSOLE_ASSETS_PATH
        : '/{proxy+}');
  const candidates: readonly ApiRoute[] = API_ROUTES.filter((route) => route.path === resource);
  return (
    candidates.find((route) => route.method === method) ??
    (candidates.find((route) => route.method === 'ANY') as ApiRoute)
  );
}
