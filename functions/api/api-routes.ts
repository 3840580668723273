/**
 * The API's routes, read by the CDK API and by the local gateway. Every path and method has a
 * route, so API Gateway's own (non-ISO-timestamped) "missing authentication token" answer is
 * never the normal way to say "no such route": the profile function answers those itself.
 */
export interface ApiRoute {
  method: 'GET' | 'ANY';
  path: string;
  /** Whether the REQUEST authorizer runs first. */
  authorized: boolean;
}

export const PROFILE_PATH = '/contacts/profile';

export const API_ROUTES = [
  { method: 'GET', path: PROFILE_PATH, authorized: true },
  { method: 'ANY', path: PROFILE_PATH, authorized: false },
  { method: 'ANY', path: '/', authorized: false },
  { method: 'ANY', path: '/{proxy+}', authorized: false },
] as const satisfies readonly ApiRoute[];

/** Matches a request to its route as API Gateway does: exact method first, then ANY. */
export function matchApiRoute(method: string, path: string): ApiRoute {
  const resource = path === PROFILE_PATH ? PROFILE_PATH : path === '/' ? '/' : '/{proxy+}';
  const candidates: readonly ApiRoute[] = API_ROUTES.filter((route) => route.path === resource);
  return (
    candidates.find((route) => route.method === method) ??
    (candidates.find((route) => route.method === 'ANY') as ApiRoute)
  );
}
