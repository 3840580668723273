import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { CONSOLE_ASSETS_PATH, CONSOLE_PATH } from '../api/api-routes.ts';
import { httpErrorBackstop, httpErrorEnvelope } from '../api/error-envelope-middleware.ts';
import { NotFoundError } from '../domain/errors/app-errors.ts';
import type { ConsoleAssets } from './console-assets.ts';
import { consoleResponseHeaders } from './console-response-headers.ts';

export interface ConsoleHandlerDependencies {
  /** The console's files; called once, on the first request. */
  loadAssets: () => Promise<ConsoleAssets>;
  logger: Logger;
}

/**
 * The console function: `GET /` is the page, `GET /console/{asset+}` its scripts, styles and the
 * OpenAPI document. Everything is relative to the page, so the page must end in `/`: the
 * deployed stage's bare URL (`…/v1`) is redirected to `…/v1/`.
 */
export function createConsoleHandler(dependencies: ConsoleHandlerDependencies) {
  let assets: Promise<ConsoleAssets> | undefined;

  async function serveConsole(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
    assets ??= dependencies.loadAssets();
    const loaded = await assets;
    if (event.resource === CONSOLE_PATH) {
      const requestPath = event.requestContext.path;
      if (requestPath && !requestPath.endsWith('/')) {
        return { statusCode: 302, headers: { Location: `${requestPath}/` }, body: '' };
      }
    }
    const file =
      event.resource === CONSOLE_PATH
        ? 'index.html'
        : event.resource === CONSOLE_ASSETS_PATH
          ? `console/${event.pathParameters?.asset ?? ''}`
          : undefined;
    const asset = file === undefined ? undefined : loaded.get(file);
    if (!asset) throw new NotFoundError(`no console file at ${event.path}`);
    return { statusCode: 200, headers: consoleResponseHeaders(asset), body: asset.body };
  }

  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(httpErrorBackstop())
    .use(httpErrorEnvelope(dependencies.logger))
    .handler(serveConsole);
}

export type ConsoleHttpHandler = ReturnType<typeof createConsoleHandler>;
