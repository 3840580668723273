import { describe, expect, it } from 'vitest';
import { API_ROUTES, type ApiRoute, NO_FUNCTION } from '../../../../functions/api/api-routes.ts';
import { GATEWAY_RESPONSE_ENVELOPES } from '../../../../functions/api/gateway-response-envelopes.ts';
import {
  resourceByIdPrefix,
  type SynthesizedApp,
  synthesizeAppBeforeAll,
} from '../../../support/infra/synthesize-app.ts';

describe('createContactsRestApi', () => {
  const synthesized = synthesizeAppBeforeAll();
  const apiResource = (type: string, idPrefix: string) =>
    resourceByIdPrefix(synthesized.templates.api, type, idPrefix);

  describe('REST API', () => {
    it('routes every path and method to the function its route names, authorizing only the contact, session and admin routes, and answers unknown routes without a function', () => {
      const methods = Object.values(
        synthesized.templates.api.findResources('AWS::ApiGateway::Method') as Record<
          string,
          { Properties: Record<string, unknown> }
        >,
      ).map((method) => method.Properties);
      expect(methods).toHaveLength(API_ROUTES.length);
      const functionIds = {
        contacts: /^ProfileHttpFunction/,
        session: /^SessionHttpFunction/,
        console: /^ConsoleHttpFunction/,
        admin: /^AdminHttpFunction/,
      };
      (API_ROUTES as readonly ApiRoute[]).forEach((route, index) => {
        const integration = methods[index]?.Integration;
        if (route.function === NO_FUNCTION) {
          expect(integration, `${route.method} ${route.path}`).toEqual({
            Type: 'MOCK',
            PassthroughBehavior: 'WHEN_NO_TEMPLATES',
            IntegrationResponses: [
              expect.objectContaining({
                StatusCode: '404',
                ResponseTemplates: {
                  'application/json': expect.stringContaining('"error_code":"NOT_FOUND"'),
                },
              }),
            ],
          });
        } else {
          expect(integration, `${route.method} ${route.path}`).toMatchObject({
            Type: 'AWS_PROXY',
            Uri: {
              'Fn::Join': [
                '',
                expect.arrayContaining([
                  { 'Fn::GetAtt': [expect.stringMatching(functionIds[route.function]), 'Arn'] },
                ]),
              ],
            },
          });
        }
        expect(methods[index]?.HttpMethod).toBe(route.method);
        expect(methods[index]?.AuthorizationType).toBe(route.authorized ? 'CUSTOM' : 'NONE');
        expect(methods[index]?.ApiKeyRequired ?? false).toBe(route.authorized);
      });
      const authorized = methods.filter((method) => method.AuthorizationType === 'CUSTOM');
      const byAuthorizer = (HttpMethod: string, resource: RegExp) =>
        expect.objectContaining({
          HttpMethod,
          AuthorizerId: { Ref: expect.stringMatching(/^BearerTokenAuthorizer/) },
          ResourceId: { Ref: expect.stringMatching(resource) },
        });
      expect(authorized).toEqual([
        byAuthorizer('GET', /^Apicontactsprofile[0-9A-F]{8}$/),
        byAuthorizer('GET', /^Apicontactsprofilepicture/),
        byAuthorizer('POST', /^Apicontactsprofiles/),
        byAuthorizer('GET', /^Apisession[0-9A-F]{8}$/),
        byAuthorizer('DELETE', /^Apisession[0-9A-F]{8}$/),
        byAuthorizer('POST', /^Apisessionpair/),
        byAuthorizer('POST', /^Apiadmintokens[0-9A-F]{8}$/),
        byAuthorizer('GET', /^Apiadmintokens[0-9A-F]{8}$/),
        byAuthorizer('DELETE', /^Apiadmintokensid/),
        byAuthorizer('GET', /^Apiadminsessions/),
        byAuthorizer('PUT', /^Apiadminwebhook/),
        byAuthorizer('GET', /^Apiadminwebhook/),
        byAuthorizer('DELETE', /^Apiadminwebhook/),
      ]);
      // The eleven not-found routes (the contact, session and admin paths, /, /{proxy+}) and the
      // console's three (GET /, GET and ANY /console/{asset+}).
      expect(methods.filter((method) => method.AuthorizationType === 'NONE')).toHaveLength(14);
      synthesized.templates.api.hasResourceProperties('AWS::ApiGateway::Resource', {
        PathPart: '{proxy+}',
      });
    });

    it('runs the REQUEST authorizer on every request: no result cache and no identity source', () => {
      const authorizer = apiResource('AWS::ApiGateway::Authorizer', 'BearerTokenAuthorizer');
      expect(authorizer.Properties).toMatchObject({
        Type: 'REQUEST',
        AuthorizerResultTtlInSeconds: 0,
      });
      expect(authorizer.Properties).not.toHaveProperty('IdentitySource');
    });

    it('throttles the stage, traces it with X-Ray and writes JSON access logs', () => {
      const stage = apiResource('AWS::ApiGateway::Stage', 'ApiDeploymentStage');
      expect(stage.Properties).toMatchObject({
        StageName: 'v1',
        TracingEnabled: true,
        MethodSettings: [
          expect.objectContaining({
            HttpMethod: '*',
            ResourcePath: '/*',
            ThrottlingRateLimit: 50,
            ThrottlingBurstLimit: 100,
            LoggingLevel: 'ERROR',
            DataTraceEnabled: false,
          }),
        ],
        AccessLogSetting: {
          // @aws-cdk/aws-apigateway:logGroupDestinationArnWithoutWildcard: no ":*" at the end.
          DestinationArn: {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':logs:',
                { Ref: 'AWS::Region' },
                ':',
                { Ref: 'AWS::AccountId' },
                ':log-group:',
                { Ref: expect.stringMatching(/^ApiAccessLogs/) },
              ],
            ],
          },
        },
      });
      const format = JSON.parse(
        (stage.Properties.AccessLogSetting as { Format: string }).Format,
      ) as Record<string, string>;
      expect(format).toMatchObject({
        requestId: '$context.requestId',
        status: '$context.status',
        resourcePath: '$context.resourcePath',
        responseLatencyMs: '$context.responseLatency',
        authorizerStatus: '$context.authorizer.status',
        errorType: '$context.error.responseType',
      });
    });
  });

  it('keeps API Gateway execution and access logs for the retention period and removes them with the stack', () => {
    const groups = Object.values(
      synthesized.templates.api.findResources('AWS::Logs::LogGroup') as Record<
        string,
        { Properties: Record<string, unknown>; DeletionPolicy?: string }
      >,
    );
    const execution = groups.find((group) =>
      JSON.stringify(group.Properties.LogGroupName ?? '').includes('API-Gateway-Execution-Logs_'),
    );
    expect(execution?.Properties.RetentionInDays).toBe(30);
    expect(JSON.stringify(execution?.Properties.LogGroupName)).toContain('/v1');
    for (const group of groups) {
      expect(group.Properties.RetentionInDays).toBe(30);
      expect(group.DeletionPolicy).toBe('Delete');
    }
  });

  describe('gateway responses', () => {
    it('defines one gateway response per shared envelope definition, and no other', () => {
      const types = Object.values(
        synthesized.templates.api.findResources('AWS::ApiGateway::GatewayResponse') as Record<
          string,
          { Properties: { ResponseType: string } }
        >,
      ).map((response) => response.Properties.ResponseType);
      expect(types.sort()).toEqual(
        GATEWAY_RESPONSE_ENVELOPES.map((envelope) => envelope.type).sort(),
      );
      expect(types).toEqual(
        expect.arrayContaining([
          'UNAUTHORIZED',
          'ACCESS_DENIED',
          'MISSING_AUTHENTICATION_TOKEN',
          'THROTTLED',
          'INTEGRATION_TIMEOUT',
          'DEFAULT_4XX',
          'DEFAULT_5XX',
        ]),
      );
    });

    it.each(GATEWAY_RESPONSE_ENVELOPES.map((envelope) => [envelope.type, envelope] as const))(
      'renders %s as the contract envelope',
      (type, envelope) => {
        const response = gatewayResponse(synthesized, type);
        expect(response.StatusCode).toBe(
          envelope.statusCode === undefined ? undefined : String(envelope.statusCode),
        );
        expect(response.ResponseParameters['gatewayresponse.header.Content-Type']).toBe(
          "'application/json; charset=utf-8'",
        );
        const body = JSON.parse(
          renderAsApiGateway(response.ResponseTemplates['application/json'], SAMPLE_CONTEXT),
        ) as Record<string, unknown>;
        expect(Object.keys(body).sort()).toEqual(['error', 'error_code', 'success', 'timestamp']);
        expect(body.success).toBe(false);
        expect(body.error_code).toBe(envelope.errorCode);
        expect(typeof body.error).toBe('string');
        expect(body.error).not.toBe('');
      },
    );

    it('renders the authorizer Deny as a 401 with the message and ISO timestamp from its context', () => {
      const response = gatewayResponse(synthesized, 'ACCESS_DENIED');
      const body = JSON.parse(
        renderAsApiGateway(response.ResponseTemplates['application/json'], SAMPLE_CONTEXT),
      );
      expect(response.StatusCode).toBe('401');
      expect(response.ResponseParameters['gatewayresponse.header.WWW-Authenticate']).toBe(
        "'Bearer'",
      );
      expect(body).toEqual({
        success: false,
        error: 'the token is unknown or revoked',
        error_code: 'UNAUTHORIZED',
        timestamp: '2026-11-25T14:10:50Z',
      });
    });

    it('renders unknown routes as 404 NOT_FOUND, throttling as 429 with Retry-After, timeouts as 504', () => {
      expect(gatewayResponse(synthesized, 'MISSING_AUTHENTICATION_TOKEN').StatusCode).toBe('404');
      const throttled = gatewayResponse(synthesized, 'THROTTLED');
      expect(throttled.StatusCode).toBe('429');
      expect(throttled.ResponseParameters['gatewayresponse.header.Retry-After']).toBe("'1'");
      expect(gatewayResponse(synthesized, 'INTEGRATION_TIMEOUT').StatusCode).toBe('504');
    });

    it('answers a failing or crashing authorizer with 503 SERVICE_UNAVAILABLE and Retry-After', () => {
      for (const type of ['AUTHORIZER_FAILURE', 'AUTHORIZER_CONFIGURATION_ERROR']) {
        const response = gatewayResponse(synthesized, type);
        expect(response.StatusCode).toBe('503');
        expect(response.ResponseParameters['gatewayresponse.header.Retry-After']).toBe("'1'");
        expect(response.ResponseTemplates['application/json']).toContain(
          '"error_code":"SERVICE_UNAVAILABLE"',
        );
      }
    });

    it('sets no status on the DEFAULT_4XX / DEFAULT_5XX fallbacks, so 413, 415, 403 and 429 keep theirs', () => {
      expect(gatewayResponse(synthesized, 'DEFAULT_4XX').StatusCode).toBeUndefined();
      expect(gatewayResponse(synthesized, 'DEFAULT_5XX').StatusCode).toBeUndefined();
      expect(gatewayResponse(synthesized, 'REQUEST_TOO_LARGE').StatusCode).toBe('413');
      expect(gatewayResponse(synthesized, 'UNSUPPORTED_MEDIA_TYPE').StatusCode).toBe('415');
      expect(gatewayResponse(synthesized, 'WAF_FILTERED').StatusCode).toBe('403');
      expect(gatewayResponse(synthesized, 'QUOTA_EXCEEDED').StatusCode).toBe('429');
    });
  });
});

const SAMPLE_CONTEXT: Record<string, string> = {
  'authorizer.errorMessage': 'the token is unknown or revoked',
  'authorizer.errorTimestamp': '2026-11-25T14:10:50Z',
  requestTime: '25/Nov/2026:14:10:50 +0000',
  'error.message': 'Missing Authentication Token',
  'error.messageString': '"Missing Authentication Token"',
};

interface GatewayResponseProperties {
  StatusCode: string;
  ResponseParameters: Record<string, string>;
  ResponseTemplates: { 'application/json': string };
}

function gatewayResponse(synthesized: SynthesizedApp, type: string): GatewayResponseProperties {
  const found = Object.values(
    synthesized.templates.api.findResources('AWS::ApiGateway::GatewayResponse', {
      Properties: { ResponseType: type },
    }) as Record<string, { Properties: GatewayResponseProperties }>,
  );
  if (found.length !== 1) throw new Error(`expected one ${type} gateway response`);
  return (found[0] as { Properties: GatewayResponseProperties }).Properties;
}

/** Substitutes `$context.*` references as API Gateway does for a gateway response template. */
function renderAsApiGateway(template: string, context: Record<string, string>): string {
  return template.replace(/\$context\.([A-Za-z0-9_.]+)/g, (reference, key: string) => {
    const value = context[key];
    if (value === undefined) throw new Error(`the test has no value for ${reference}`);
    return value;
  });
}
