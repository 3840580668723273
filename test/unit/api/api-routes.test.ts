import { describe, expect, it } from 'vitest';
import {
  API_ROUTES,
  matchApiRoute,
  NO_FUNCTION,
  PROFILE_PATH,
  PROFILE_PICTURE_PATH,
  PROFILES_PATH,
  pathParametersOf,
  SESSION_PAIR_PATH,
  SESSION_PATH,
} from '../../../functions/api/api-routes.ts';

describe('matchApiRoute', () => {
  it('matches GET /contacts/profile to the authorized route', () => {
    // act
    const route = matchApiRoute('GET', PROFILE_PATH);

    // assert
    expect(route).toEqual({
      method: 'GET',
      path: '/contacts/profile',
      authorized: true,
      function: 'contacts',
    });
  });

  it.each(['POST', 'DELETE', 'HEAD'])(
    'matches %s /contacts/profile to the unauthorized ANY route',
    (method) => {
      expect(matchApiRoute(method, PROFILE_PATH)).toEqual({
        method: 'ANY',
        path: '/contacts/profile',
        authorized: false,
        function: NO_FUNCTION,
      });
    },
  );

  it('matches GET / to the console, and other methods on / to the not-found route', () => {
    expect(matchApiRoute('GET', '/')).toEqual({
      method: 'GET',
      path: '/',
      authorized: false,
      function: 'console',
    });
    expect(matchApiRoute('POST', '/')).toEqual({
      method: 'ANY',
      path: '/',
      authorized: false,
      function: NO_FUNCTION,
    });
  });

  it('matches the console’s files to its greedy route, and /console/ itself to no route', () => {
    expect(matchApiRoute('GET', '/console/console-ABCD1234.js')).toMatchObject({
      path: '/console/{asset+}',
      function: 'console',
    });
    expect(matchApiRoute('DELETE', '/console/openapi.json')).toMatchObject({
      method: 'ANY',
      function: NO_FUNCTION,
    });
    expect(matchApiRoute('GET', '/console/')).toMatchObject({ path: '/{proxy+}' });
  });

  it.each([
    ['GET', PROFILE_PICTURE_PATH],
    ['POST', PROFILES_PATH],
  ])('matches %s %s to its authorized route', (method, path) => {
    expect(matchApiRoute(method, path)).toEqual({
      method,
      path,
      authorized: true,
      function: 'contacts',
    });
  });

  it.each([
    ['POST', PROFILE_PICTURE_PATH],
    ['GET', PROFILES_PATH],
  ])('matches %s %s to the unauthorized ANY route of its path', (method, path) => {
    expect(matchApiRoute(method, path)).toEqual({
      method: 'ANY',
      path,
      authorized: false,
      function: NO_FUNCTION,
    });
  });

  it.each(['/contacts', '/contacts/profile/', '/contacts/profile-pictures', '/x/y/z'])(
    'matches %s to the catch-all proxy route',
    (path) => {
      expect(matchApiRoute('GET', path)).toEqual({
        method: 'ANY',
        path: '/{proxy+}',
        authorized: false,
        function: NO_FUNCTION,
      });
    },
  );

  it.each([
    ['GET', SESSION_PATH],
    ['DELETE', SESSION_PATH],
    ['POST', SESSION_PAIR_PATH],
  ])('matches %s %s to the authorized session route', (method, path) => {
    expect(matchApiRoute(method, path)).toEqual({
      method,
      path,
      authorized: true,
      function: 'session',
    });
  });

  it.each([
    ['POST', SESSION_PATH],
    ['PUT', SESSION_PATH],
    ['GET', SESSION_PAIR_PATH],
    ['DELETE', SESSION_PAIR_PATH],
  ])('answers %s %s without a function (API Gateway answers its 404)', (method, path) => {
    expect(matchApiRoute(method, path)).toEqual({
      method: 'ANY',
      path,
      authorized: false,
      function: NO_FUNCTION,
    });
  });

  it('matches a path below the session routes to the catch-all proxy route', () => {
    expect(matchApiRoute('GET', '/session/pair/x').path).toBe('/{proxy+}');
  });

  it('authorizes exactly the contact, session and admin routes', () => {
    expect(
      API_ROUTES.filter((route) => route.authorized).map(
        (route) => `${route.method} ${route.path}`,
      ),
    ).toEqual([
      'GET /contacts/profile',
      'GET /contacts/profile-picture',
      'POST /contacts/profiles',
      'GET /session',
      'DELETE /session',
      'POST /session/pair',
      'POST /admin/tokens',
      'GET /admin/tokens',
      'DELETE /admin/tokens/{id}',
      'GET /admin/sessions',
      'PUT /admin/webhook',
      'GET /admin/webhook',
      'DELETE /admin/webhook',
    ]);
  });

  it('matches a token id to DELETE /admin/tokens/{id} and names the parameter', () => {
    // act
    const route = matchApiRoute('DELETE', '/admin/tokens/tok_0123456789ab');

    // assert
    expect(route).toMatchObject({ path: '/admin/tokens/{id}', function: 'admin' });
    expect(pathParametersOf(route.path, '/admin/tokens/tok_0123456789ab')).toEqual({
      id: 'tok_0123456789ab',
    });
  });

  it('sends an extra segment after a token id to the not-found route', () => {
    expect(matchApiRoute('DELETE', '/admin/tokens/tok_1/x').path).toBe('/{proxy+}');
  });
});
