import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { CONSOLE_ASSETS_PATH, CONSOLE_PATH } from '../../../functions/api/api-routes.ts';
import { consoleAssetMap } from '../../../functions/console/console-assets.ts';
import { CONSOLE_CONTENT_SECURITY_POLICY } from '../../../functions/console/console-response-headers.ts';
import { createConsoleHandler } from '../../../functions/console/create-console-handler.ts';
import { proxyEvent } from '../../support/lambda/api-gateway-events.ts';
import { fixedLambdaContext } from '../../support/lambda/lambda-context.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';

const ASSETS = consoleAssetMap([
  {
    path: 'index.html',
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html>',
    immutable: false,
  },
  {
    path: 'console/console-ABCD1234.js',
    contentType: 'text/javascript; charset=utf-8',
    body: 'export {};',
    immutable: true,
  },
]);

function consoleEvent(resource: string, requestPath: string, asset?: string): APIGatewayProxyEvent {
  const event = proxyEvent({ resourcePath: resource });
  return {
    ...event,
    path: requestPath,
    pathParameters: asset === undefined ? null : { asset },
    requestContext: { ...event.requestContext, path: requestPath },
  };
}

describe('createConsoleHandler', () => {
  let loads = 0;
  const handler = createConsoleHandler({
    loadAssets: async () => {
      loads += 1;
      return ASSETS;
    },
    logger: silentLogger(),
  });
  const context = fixedLambdaContext('console');

  it('serves the page at / with the strict policy, and revalidated', async () => {
    // act
    const response = await handler(consoleEvent(CONSOLE_PATH, '/v1/'), context);

    // assert
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('<!doctype html>');
    expect(response.headers).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': CONSOLE_CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });

  it('allows scripts from its own origin only: no inline script, no eval, no framing, no forms', () => {
    const directives = new Map(
      CONSOLE_CONTENT_SECURITY_POLICY.split('; ').map((directive) => {
        const [name, ...sources] = directive.split(' ');
        return [name, sources.join(' ')];
      }),
    );

    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('form-action')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(CONSOLE_CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('serves a hashed asset for a year, and loads the assets only once', async () => {
    // act
    const response = await handler(
      consoleEvent(CONSOLE_ASSETS_PATH, '/console/console-ABCD1234.js', 'console-ABCD1234.js'),
      context,
    );

    // assert
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['Cache-Control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers?.['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(loads).toBe(1);
  });

  it('redirects the bare stage URL to the folder its relative links need', async () => {
    const response = await handler(consoleEvent(CONSOLE_PATH, '/v1'), context);

    expect(response.statusCode).toBe(302);
    expect(response.headers?.Location).toBe('/v1/');
  });

  it('returns 404 NOT_FOUND in the envelope for a file it does not have', async () => {
    const response = await handler(
      consoleEvent(CONSOLE_ASSETS_PATH, '/console/../secrets', '../secrets'),
      context,
    );

    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ success: false, error_code: 'NOT_FOUND' });
  });
});
