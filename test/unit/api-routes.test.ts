import { describe, expect, it } from 'vitest';
import { API_ROUTES, matchApiRoute, PROFILE_PATH } from '../../functions/api/api-routes.ts';

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
        function: 'contacts',
      });
    },
  );

  it('matches the root path to its ANY route', () => {
    expect(matchApiRoute('GET', '/')).toEqual({
      method: 'ANY',
      path: '/',
      authorized: false,
      function: 'contacts',
    });
  });

  it.each(['/contacts', '/contacts/profile/', '/contacts/profile-picture', '/x/y/z'])(
    'matches %s to the catch-all proxy route',
    (path) => {
      expect(matchApiRoute('GET', path)).toEqual({
        method: 'ANY',
        path: '/{proxy+}',
        authorized: false,
        function: 'contacts',
      });
    },
  );

  it('has only one authorized route', () => {
    expect(API_ROUTES.filter((route) => route.authorized)).toHaveLength(1);
  });
});
