/**
 * The API's routes, read by the CDK API and by the local gateway. Every path and method has a
 * route, so API Gateway's own (non-ISO-timestamped) "missing authentication token" answer is
 * never the normal way to say "no such route": a function answers those itself.
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
  | 'console';

export interface ApiRoute {
  method: 'GET' | 'POST' | 'DELETE' | 'ANY';
  path: string;
  /** Whether the REQUEST authorizer runs first. */
  authorized: boolean;
  function: ApiFunction;
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

/** The paths with routes of their own; anything else is `/{proxy+}` (or `/`, or the console's). */
const KNOWN_PATHS: readonly string[] = [
  PROFILE_PATH,
  PROFILE_PICTURE_PATH,
  PROFILES_PATH,
  SESSION_PATH,
  SESSION_PAIR_PATH,
];

/**
 * Unknown paths and methods go to the contacts function: its error envelope answers 404
 * NOT_FOUND with an ISO timestamp, and it is the function kept warm by the busiest route.
 */
const NOT_FOUND_FUNCTION: ApiFunction = 'contacts';

export const API_ROUTES = [
  { method: 'GET', path: PROFILE_PATH, authorized: true, function: 'contacts' },
  { method: 'ANY', path: PROFILE_PATH, authorized: false, function: 'contacts' },
  { method: 'GET', path: PROFILE_PICTURE_PATH, authorized: true, function: 'contacts' },
  { method: 'ANY', path: PROFILE_PICTURE_PATH, authorized: false, function: 'contacts' },
  { method: 'POST', path: PROFILES_PATH, authorized: true, function: 'contacts' },
  { method: 'ANY', path: PROFILES_PATH, authorized: false, function: 'contacts' },
  { method: 'GET', path: SESSION_PATH, authorized: true, function: 'session' },
  { method: 'DELETE', path: SESSION_PATH, authorized: true, function: 'session' },
  { method: 'ANY', path: SESSION_PATH, authorized: false, function: 'session' },
  { method: 'POST', path: SESSION_PAIR_PATH, authorized: true, function: 'session' },
  { method: 'ANY', path: SESSION_PAIR_PATH, authorized: false, function: 'session' },
  { method: 'GET', path: CONSOLE_PATH, authorized: false, function: 'console' },
  { method: 'ANY', path: CONSOLE_PATH, authorized: false, function: NOT_FOUND_FUNCTION },
  { method: 'GET', path: CONSOLE_ASSETS_PATH, authorized: false, function: 'console' },
  { method: 'ANY', path: CONSOLE_ASSETS_PATH, authorized: false, function: NOT_FOUND_FUNCTION },
  { method: 'ANY', path: '/{proxy+}', authorized: false, function: NOT_FOUND_FUNCTION },
] as const satisfies readonly ApiRoute[];

/** Matches a request to its route as API Gateway does: exact method first, then ANY. */
export function matchApiRoute(method: string, path: string): ApiRoute {
  const resource = KNOWN_PATHS.includes(path)
    ? path
    : path === '/'
      ? '/'
      : path.startsWith(CONSOLE_ASSETS_PREFIX) && path.length > CONSOLE_ASSETS_PREFIX.length
        ? CONSOLE_ASSETS_PATH
        : '/{proxy+}';
  const candidates: readonly ApiRoute[] = API_ROUTES.filter((route) => route.path === resource);
  return (
    candidates.find((route) => route.method === method) ??
    (candidates.find((route) => route.method === 'ANY') as ApiRoute)
  );
}
