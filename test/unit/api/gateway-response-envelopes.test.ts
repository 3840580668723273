import { describe, expect, it } from 'vitest';
import { JSON_CONTENT_TYPE } from '../../../functions/api/error-envelope.ts';
import {
  apiGatewayRequestTime,
  DENY_CONTEXT_KEYS,
  findGatewayResponseEnvelope,
  GATEWAY_RESPONSE_ENVELOPES,
  type GatewayResponseType,
  gatewayResponseHeaders,
  gatewayResponseTemplate,
  renderGatewayResponse,
} from '../../../functions/api/gateway-response-envelopes.ts';

const CONTEXT: Record<string, string> = {
  requestTime: '15/Jun/2026:12:00:00 +0000',
  'error.message': 'Missing Authentication Token',
  [`authorizer.${DENY_CONTEXT_KEYS.message}`]: 'the bearer token has been revoked',
  [`authorizer.${DENY_CONTEXT_KEYS.timestamp}`]: '2026-06-15T12:00:00Z',
};

describe('gateway-response-envelopes', () => {
  it.each(GATEWAY_RESPONSE_ENVELOPES.map((envelope) => [envelope.type]))(
    'renders %s as the contract envelope in valid JSON',
    (type) => {
      // act
      const rendered = renderGatewayResponse(type as GatewayResponseType, CONTEXT, 418);

      // assert
      const envelope = findGatewayResponseEnvelope(type as GatewayResponseType);
      const body = JSON.parse(rendered.body);
      expect(Object.keys(body).sort()).toEqual(['error', 'error_code', 'success', 'timestamp']);
      expect(body.success).toBe(false);
      expect(body.error_code).toBe(envelope.errorCode);
      expect(body.error).not.toBe('');
      expect(body.error).not.toContain('$context');
      expect(body.timestamp).not.toContain('$context');
      expect(rendered.statusCode).toBe(envelope.statusCode ?? 418);
      expect(rendered.headers['Content-Type']).toBe(JSON_CONTENT_TYPE);
    },
  );

  it('renders ACCESS_DENIED from the authorizer context', () => {
    // act
    const rendered = renderGatewayResponse('ACCESS_DENIED', CONTEXT);

    // assert
    expect(rendered.statusCode).toBe(401);
    expect(rendered.headers['WWW-Authenticate']).toBe('Bearer');
    expect(JSON.parse(rendered.body)).toStrictEqual({
      success: false,
      error: 'the bearer token has been revoked',
      error_code: 'UNAUTHORIZED',
      timestamp: '2026-06-15T12:00:00Z',
    });
  });

  it('JSON-escapes context values that sit inside JSON strings', () => {
    // prepare
    const tricky = 'quote " backslash \\ newline \n tab \t end';
    const context = { ...CONTEXT, [`authorizer.${DENY_CONTEXT_KEYS.message}`]: tricky };

    // act
    const rendered = renderGatewayResponse('ACCESS_DENIED', context);

    // assert
    expect(JSON.parse(rendered.body).error).toBe(tricky);
  });

  it('renders a missing context value as an empty string, still valid JSON', () => {
    expect(JSON.parse(renderGatewayResponse('THROTTLED', {}).body).timestamp).toBe('');
  });

  it('answers THROTTLED with 429 RATE_LIMITED and Retry-After', () => {
    const rendered = renderGatewayResponse('THROTTLED', CONTEXT);
    expect(rendered.statusCode).toBe(429);
    expect(rendered.headers['Retry-After']).toBe('1');
    expect(JSON.parse(rendered.body).timestamp).toBe('15/Jun/2026:12:00:00 +0000');
  });

  it('answers MISSING_AUTHENTICATION_TOKEN with 404 NOT_FOUND', () => {
    const rendered = renderGatewayResponse('MISSING_AUTHENTICATION_TOKEN', CONTEXT);
    expect(rendered.statusCode).toBe(404);
    expect(JSON.parse(rendered.body).error_code).toBe('NOT_FOUND');
  });

  it('keeps the $context references in the template for API Gateway', () => {
    // act
    const template = gatewayResponseTemplate(findGatewayResponseEnvelope('ACCESS_DENIED'));

    // assert
    expect(template).toContain('"error":"$context.authorizer.errorMessage"');
    expect(template).toContain('"timestamp":"$context.authorizer.errorTimestamp"');
  });

  it('single-quotes static header values for API Gateway', () => {
    expect(gatewayResponseHeaders(findGatewayResponseEnvelope('THROTTLED'))).toEqual({
      'Content-Type': `'${JSON_CONTENT_TYPE}'`,
      'Retry-After': "'1'",
    });
  });

  it('keeps DEFAULT_4XX valid JSON when API Gateway’s own message holds quotes', () => {
    const rendered = renderGatewayResponse(
      'DEFAULT_4XX',
      {
        'error.message': 'Invalid "Accept" header',
        requestTime: '05/Nov/2026:04:03:09 +0000',
      },
      406,
    );

    expect(JSON.parse(rendered.body).error).toBe('Invalid "Accept" header');
    expect(gatewayResponseTemplate(findGatewayResponseEnvelope('DEFAULT_4XX'))).toContain(
      '"error":$context.error.messageString,',
    );
  });

  it.each(['AUTHORIZER_FAILURE', 'AUTHORIZER_CONFIGURATION_ERROR'] as const)(
    'answers %s with 503 SERVICE_UNAVAILABLE and Retry-After',
    (type) => {
      // act
      const rendered = renderGatewayResponse(type, CONTEXT);

      // assert
      expect(rendered.statusCode).toBe(503);
      expect(rendered.headers['Retry-After']).toBe('1');
      expect(JSON.parse(rendered.body)).toMatchObject({
        error_code: 'SERVICE_UNAVAILABLE',
        error: 'authorization is temporarily unavailable; retry shortly',
      });
    },
  );

  it('leaves the status of the DEFAULT_4XX and DEFAULT_5XX fallbacks to API Gateway', () => {
    // A status on a fallback would replace the status of every type without its own entry.
    expect(findGatewayResponseEnvelope('DEFAULT_4XX').statusCode).toBeUndefined();
    expect(findGatewayResponseEnvelope('DEFAULT_5XX').statusCode).toBeUndefined();
    expect(renderGatewayResponse('DEFAULT_4XX', CONTEXT, 403).statusCode).toBe(403);
    expect(() => renderGatewayResponse('DEFAULT_5XX', CONTEXT)).toThrow('needs the status');
  });

  it.each([
    ['REQUEST_TOO_LARGE', 413, 'VALIDATION_ERROR'],
    ['UNSUPPORTED_MEDIA_TYPE', 415, 'VALIDATION_ERROR'],
    ['WAF_FILTERED', 403, 'UNAUTHORIZED'],
    ['QUOTA_EXCEEDED', 429, 'RATE_LIMITED'],
    ['INTEGRATION_TIMEOUT', 504, 'UPSTREAM_TIMEOUT'],
    ['INTEGRATION_FAILURE', 503, 'SERVICE_UNAVAILABLE'],
  ] as const)('gives %s its own entry: %i %s', (type, status, errorCode) => {
    const rendered = renderGatewayResponse(type, CONTEXT);
    expect(rendered.statusCode).toBe(status);
    expect(JSON.parse(rendered.body).error_code).toBe(errorCode);
  });

  it('defines each gateway response type once', () => {
    const types = GATEWAY_RESPONSE_ENVELOPES.map((envelope) => envelope.type);
    expect(new Set(types).size).toBe(types.length);
  });

  it('throws for a type that has no envelope', () => {
    expect(() => findGatewayResponseEnvelope('NOPE' as GatewayResponseType)).toThrow(
      'no gateway response envelope for NOPE',
    );
  });
});

describe('apiGatewayRequestTime', () => {
  it('formats a time as API Gateway writes $context.requestTime', () => {
    expect(apiGatewayRequestTime(new Date('2026-11-05T04:03:09.500Z'))).toBe(
      '05/Nov/2026:04:03:09 +0000',
    );
  });
});
