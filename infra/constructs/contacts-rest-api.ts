import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  API_ROUTES,
  type ApiFunction,
  type ApiRoute,
  NO_FUNCTION,
} from '../../functions/api/api-routes.ts';
import {
  GATEWAY_RESPONSE_ENVELOPES,
  gatewayResponseHeaders,
  gatewayResponseTemplate,
  unknownRouteEnvelope,
} from '../../functions/api/gateway-response-envelopes.ts';
import type { DeploymentSettings } from '../deployment-settings.ts';
import { acknowledgeConsoleRoute } from './console-function.ts';

/** The API's one stage: the first path segment of its URL. */
export const API_STAGE_NAME = 'v1';

export interface ContactsRestApiProps {
  settings: DeploymentSettings;
  logRetention: logs.RetentionDays;
  authorizerFunction: lambda.IFunction;
  /** The function behind each route's `function` name in API_ROUTES. */
  functions: Record<ApiFunction, lambda.IFunction>;
}

/**
 * The REST API: one stage with throttling, access and execution logs, the contract's gateway
 * responses, the REQUEST authorizer (also the source of each request's API key: the tenant's
 * usage key, counted by the tenant usage plan), and every route of API_ROUTES on the function
 * it names, or on a MOCK integration answering 404 for the routes of no function.
 * Made directly in `scope` (the API stack), so the logical ids stay those it has always had.
 */
export function createContactsRestApi(
  scope: Construct,
  props: ContactsRestApiProps,
): apigateway.RestApi {
  const { settings, logRetention, authorizerFunction, functions } = props;
  // Like every other log group: bounded retention, removed with the stack.
  const accessLogs = new logs.LogGroup(scope, 'ApiAccessLogs', {
    retention: logRetention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const api = new apigateway.RestApi(scope, 'Api', {
    restApiName: `${Stack.of(scope).stackName}-contacts`,
    description: 'WhatsApp contact profiles: GET /contacts/profile',
    endpointTypes: [apigateway.EndpointType.REGIONAL],
    // The authorizer returns the tenant's usage key as usageIdentifierKey; callers send none.
    apiKeySourceType: apigateway.ApiKeySourceType.AUTHORIZER,
    // Execution logs (ERROR level) need API Gateway's account-level CloudWatch role.
    cloudWatchRole: true,
    deployOptions: {
      stageName: API_STAGE_NAME,
      throttlingRateLimit: settings.apiThrottleRateLimit,
      throttlingBurstLimit: settings.apiThrottleBurstLimit,
      tracingEnabled: true,
      metricsEnabled: true,
      loggingLevel: apigateway.MethodLoggingLevel.ERROR,
      // Never log request/response data: it carries bearer tokens and phone numbers.
      dataTraceEnabled: false,
      accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
      accessLogFormat: accessLogFormat(),
    },
  });

  // API Gateway writes execution logs to a group it names and creates itself, which never
  // expires; created here first, it gets the deployment's retention and goes with the stack.
  const executionLogs = new logs.LogGroup(scope, 'ApiExecutionLogs', {
    logGroupName: `API-Gateway-Execution-Logs_${api.restApiId}/${API_STAGE_NAME}`,
    retention: logRetention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  api.deploymentStage.node.addDependency(executionLogs);

  // RestApi adds an `Endpoint` output of its own; the stack's ApiUrl output replaces it.
  api.node.tryRemoveChild('Endpoint');

  for (const envelope of GATEWAY_RESPONSE_ENVELOPES) {
    api.addGatewayResponse(`GatewayResponse${pascalCase(envelope.type)}`, {
      type: apigateway.ResponseType.of(envelope.type),
      ...(envelope.statusCode === undefined ? {} : { statusCode: String(envelope.statusCode) }),
      responseHeaders: gatewayResponseHeaders(envelope),
      templates: { 'application/json': gatewayResponseTemplate(envelope) },
    });
  }

  // Caching off and no identity source: API Gateway then calls the authorizer for every
  // request, also one without an Authorization header, so that a missing token gets the
  // authorizer's Deny context (with its ISO timestamp) instead of a bare UNAUTHORIZED.
  const requestAuthorizer = new apigateway.RequestAuthorizer(scope, 'BearerTokenAuthorizer', {
    handler: authorizerFunction,
    identitySources: [],
    resultsCacheTtl: Duration.seconds(0),
  });
  // CDK writes "" for an empty list; leaving the optional property out is the documented form.
  (requestAuthorizer.node.defaultChild as apigateway.CfnAuthorizer).addPropertyDeletionOverride(
    'IdentitySource',
  );

  // One integration per HTTP function; each route goes to the function it names.
  const integrations = new Map<ApiFunction, apigateway.LambdaIntegration>();
  const integrationOf = (name: ApiFunction) => {
    let integration = integrations.get(name);
    if (!integration) {
      integration = new apigateway.LambdaIntegration(functions[name], { allowTestInvoke: false });
      integrations.set(name, integration);
    }
    return integration;
  };
  for (const route of API_ROUTES as readonly ApiRoute[]) {
    const resource = route.path === '/' ? api.root : api.root.resourceForPath(route.path);
    const method =
      route.function === NO_FUNCTION
        ? resource.addMethod(route.method, unknownRouteIntegration(route.path), {
            authorizationType: apigateway.AuthorizationType.NONE,
            methodResponses: [
              {
                statusCode: '404',
                responseParameters: Object.fromEntries(
                  Object.keys(gatewayResponseHeaders(unknownRouteEnvelope(route.path))).map(
                    (name) => [`method.response.header.${name}`, true],
                  ),
                ),
              },
            ],
          })
        : resource.addMethod(
            route.method,
            integrationOf(route.function),
            route.authorized
              ? {
                  authorizer: requestAuthorizer,
                  authorizationType: apigateway.AuthorizationType.CUSTOM,
                  apiKeyRequired: true,
                }
              : { authorizationType: apigateway.AuthorizationType.NONE },
          );
    if (route.function === 'console') {
      acknowledgeConsoleRoute(method, route);
    } else if (!route.authorized) {
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${route.method} ${route.path} exists only so unknown routes and methods get the contract's 404 NOT_FOUND envelope, answered by API Gateway itself (a MOCK integration, no function); it serves no data.`,
      });
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-COG4',
        reason: `${route.method} ${route.path} is the unauthenticated not-found route (see APIG4); the API authenticates with per-user bearer tokens, not Cognito.`,
      });
    } else {
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-COG4',
        reason:
          'The contract authenticates callers with per-user UUID bearer tokens checked by the Lambda REQUEST authorizer; there is no Cognito user pool.',
      });
    }
  }

  if (settings.wafRateLimitPer5Minutes === undefined) {
    Validations.of(api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'No WAF web ACL by default (the wafRateLimitPer5Minutes setting adds one): it costs a monthly fee per ACL and rule even at rest. Abuse is bounded by stage throttling, each tenant usage plan (throttle and quota), unknown routes answered by API Gateway without a function, and per-user live-lookup budgets.',
    });
  }
  Validations.of(api).acknowledge({
    id: 'AwsSolutions-APIG2',
    reason:
      'The contacts function validates the query with zod so that every failure is the contract envelope with a specific message; jid-or-number is an either/or that API Gateway request validation cannot express.',
  });
  Validations.of(api).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
    reason:
      'AmazonAPIGatewayPushToCloudWatchLogs is the AWS-managed policy of the account-level role API Gateway writes execution logs with; it grants log writes only.',
  });
  return api;
}

/**
 * API Gateway answers an unknown route itself: without a request template, a MOCK integration
 * returns its default integration response, here the 404 envelope of `path`.
 */
function unknownRouteIntegration(path: string): apigateway.MockIntegration {
  const envelope = unknownRouteEnvelope(path);
  return new apigateway.MockIntegration({
    passthroughBehavior: apigateway.PassthroughBehavior.WHEN_NO_TEMPLATES,
    integrationResponses: [
      {
        statusCode: String(envelope.statusCode),
        responseParameters: Object.fromEntries(
          Object.entries(gatewayResponseHeaders(envelope)).map(([name, value]) => [
            `method.response.header.${name}`,
            value,
          ]),
        ),
        responseTemplates: { 'application/json': gatewayResponseTemplate(envelope) },
      },
    ],
  });
}

/** JSON access log: request, caller network, route, status, latencies, authorizer outcome. */
function accessLogFormat(): apigateway.AccessLogFormat {
  const field = apigateway.AccessLogField;
  return apigateway.AccessLogFormat.custom(
    JSON.stringify({
      requestId: field.contextRequestId(),
      extendedRequestId: field.contextExtendedRequestId(),
      requestTime: field.contextRequestTime(),
      sourceIp: field.contextIdentitySourceIp(),
      httpMethod: field.contextHttpMethod(),
      resourcePath: field.contextResourcePath(),
      status: field.contextStatus(),
      responseLength: field.contextResponseLength(),
      responseLatencyMs: field.contextResponseLatency(),
      integrationLatencyMs: field.contextIntegrationLatency(),
      integrationStatus: field.contextIntegrationStatus(),
      authorizerStatus: field.contextAuthorizerStatus(),
      authorizerLatencyMs: field.contextAuthorizerLatency(),
      errorType: field.contextErrorResponseType(),
      errorMessage: field.contextErrorMessage(),
      xrayTraceId: field.contextXrayTraceId(),
    }),
  );
}

function pascalCase(value: string): string {
  return value
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
