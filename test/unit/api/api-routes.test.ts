import { describe, expect, it } from 'vitest';
import {
  API_ROUTES,
  matchApiRoute,
  NO_FUNCTION,
  PROFILE_PATH,
  PROFILE_PICTURE_PATH,
  PROFILES_PATH,
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

  it('matches the root path to its ANY route', () => {
    expect(matchApiRoute('GET', '/')).toEqual({
      method: 'ANY',
      path: '/',
      authorized: false,
      function: NO_FUNCTION,
    });
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

  it('authorizes exactly the contact and session routes', () => {
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
    ]);
  });
});
