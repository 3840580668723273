import { describe, expect, it } from 'vitest';
import type { AdminRouteHandler } from '../../../functions/admin-api/admin-route.ts';
import {
  type AdminRoutes,
  createAdminHttpHandler,
} from '../../../functions/admin-api/create-admin-http-handler.ts';
import { adminContext, adminEvent } from '../../support/admin-api/admin-events.ts';
import { recordingRoutes } from '../../support/http/recording-routes.ts';

function setUp() {
  const { routes, reached } = recordingRoutes([
    'POST /admin/tokens',
    'DELETE /admin/tokens/{id}',
    'notFound',
  ] as const);
  const { notFound, ...known } = routes;
  // Stubs stand in for middy handlers: the router only calls them with the event and context.
  return {
    handler: createAdminHttpHandler(
      known as unknown as AdminRoutes,
      notFound as unknown as AdminRouteHandler,
    ),
    reached,
  };
}

describe('createAdminHttpHandler', () => {
  it('hands a request to the route of its method and resource, with its event and context', async () => {
    const { handler, reached } = setUp();
    const event = adminEvent('DELETE', '/admin/tokens/{id}', { pathParameters: { id: 'tok_1' } });

    const response = await handler(event, adminContext);

    expect(response.body).toBe('DELETE /admin/tokens/{id}');
    expect(reached).toEqual([{ route: 'DELETE /admin/tokens/{id}', event, context: adminContext }]);
  });

  it('hands any other method on a known path to the not-found route', async () => {
    const { handler, reached } = setUp();

    const response = await handler(adminEvent('PUT', '/admin/tokens'), adminContext);

    expect(response.body).toBe('notFound');
    expect(reached.map((each) => each.route)).toEqual(['notFound']);
  });
});
