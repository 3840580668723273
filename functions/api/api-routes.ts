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
  | 'session';

/** A route served by no function: API Gateway answers 404 NOT_FOUND itself (MOCK integration). */
export const NO_FUNCTION = 'none';

export interface ApiRoute {
  method: 'GET' | 'POST' | 'DELETE' | 'ANY';
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

/** The paths with routes of their own; anything else is `/{proxy+}` (or `/`). */
const KNOWN_PATHS: readonly string[] = [
  PROFILE_PATH,
  PROFILE_PICTURE_PATH,
  PROFILES_PATH,
  SESSION_PATH,
  SESSION_PAIR_PATH,
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
  { method: 'ANY', path: '/', authorized: false, function: NO_FUNCTION },
  { method: 'ANY', path: '/{proxy+}', authorized: false, function: NO_FUNCTION },
] as const satisfies readonly ApiRoute[];

/** Matches a request to its route as API Gateway does: exact method first, then ANY. */
export function matchApiRoute(method: string, path: string): ApiRoute {
  const resource = KNOWN_PATHS.includes(path) ? path : path === '/' ? '/' : '/{proxy+}';
  const candidates: readonly ApiRoute[] = API_ROUTES.filter((route) => route.path === resource);
  return (
    candidates.find((route) => route.method === method) ??
    (candidates.find((route) => route.method === 'ANY') as ApiRoute)
  );
}
