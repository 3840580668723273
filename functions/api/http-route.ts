import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { httpErrorBackstop, httpErrorEnvelope } from './error-envelope-middleware.ts';

/**
 * The thin middy handler every HTTP route is: `serve` answers, and whatever it throws becomes
 * the contract's envelope (the envelope middleware, inside the backstop).
 */
export function httpRoute(
  logger: Logger,
  serve: (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>,
) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(httpErrorBackstop())
    .use(httpErrorEnvelope(logger))
    .handler(serve);
}

export type HttpRouteHandler = ReturnType<typeof httpRoute>;

type RouteHandler = (
  event: APIGatewayProxyEvent,
  context: Context,
) => Promise<APIGatewayProxyResult>;

/**
 * An HTTP function serving several routes: each request goes to the route of its
 * `<METHOD> <resource>` (`GET /session`), anything else to `otherwise` (whose envelope answers
 * 404 NOT_FOUND).
 */
export function routeDispatcher(routes: Record<string, RouteHandler>, otherwise: RouteHandler) {
  return function dispatch(
    event: APIGatewayProxyEvent,
    context: Context,
  ): Promise<APIGatewayProxyResult> {
    const route = routes[`${event.httpMethod} ${event.resource}`] ?? otherwise;
    return route(event, context);
  };
}
