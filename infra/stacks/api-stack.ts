import {
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { API_ROUTES, type ApiFunction } from '../../functions/api/api-routes.ts';
import { AUTHORIZER_TIMEOUT_SECONDS } from '../../functions/api/authorizer-timeout.ts';
import {
  GATEWAY_RESPONSE_ENVELOPES,
  gatewayResponseHeaders,
  gatewayResponseTemplate,
} from '../../functions/api/gateway-response-envelopes.ts';
import {
  DEFAULT_PAIRING_FIRST_CODE_WAIT_MS,
  DEFAULT_SESSION_COMMAND_DEADLINE_MS,
} from '../../functions/resources/runtime-limits.ts';
import { SESSION_PARTITION_PREFIX } from '../../functions/resources/sessions-table-keys.ts';
import { TOKENS_TABLE } from '../../functions/resources/table-definitions.ts';
import { AdminApiFunction } from '../constructs/admin-api-function.ts';
import { ServiceFunction } from '../constructs/service-function.ts';
import { WebhookDeliveryFunction } from '../constructs/webhook-delivery-function.ts';
import type { DeploymentSettings } from '../deployment-settings.ts';
import type { FunctionEntry } from '../function-environments.ts';
import { retentionDays } from '../log-retention.ts';
import { replyQueueWildcardFinding, wildcardResourceFinding } from '../nag-findings.ts';
import type { StatefulResources } from './stateful-stack.ts';

export interface ApiStackProps extends StackProps {
  data: StatefulResources;
  settings: DeploymentSettings;
  /** Reply queues live under this name prefix (see reply-queue-name-prefix.ts). */
  replyQueueNamePrefix: string;
}

/** Actions the profile function needs on its own reply queue, and only there. */
export const REPLY_QUEUE_OWNER_ACTIONS = [
  'sqs:CreateQueue',
  // CreateQueue with tags needs TagQueue too; TagQueue also refreshes the last-used tag.
  'sqs:TagQueue',
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
] as const;

/** The API's one stage: the first path segment of its URL. */
export const API_STAGE_NAME = 'v1';

/** The index a direct invocation queries to check that its (tenant, user) holds a token. */
export const TOKENS_BY_TENANT_INDEX = TOKENS_TABLE.globalSecondaryIndexes[0].indexName;

/**
 * The request path: REST API, REQUEST authorizer, profile function, and the sweeper that
 * deletes reply queues left behind by execution environments that are gone.
 */
export class ApiStack extends Stack {
  readonly api: apigateway.RestApi;
  readonly authorizerFunction: lambda.IFunction;
  /** GET /contacts/profile behind API Gateway (and the 404 answerer of unknown routes). */
  readonly profileHttpFunction: lambda.IFunction;
  /** The profile lookup other AWS services invoke directly; see grantProfileLookup. */
  readonly profileDirectFunction: lambda.IFunction;
  readonly replyQueueSweeperFunction: lambda.IFunction;
  /** GET/DELETE /session and POST /session/pair: the caller's own WhatsApp session. */
  readonly sessionHttpFunction: lambda.IFunction;
  /** The /admin routes: the tenant's tokens, sessions and webhook. */
  readonly adminHttpFunction: lambda.IFunction;
  /** Sends events to the tenants' webhooks, fed by the delivery queue. */
  readonly webhookDeliveryFunction: lambda.IFunction;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { data, settings } = props;
    const logRetention = retentionDays(settings.logRetentionDays);
    const replyQueueArn = this.formatArn({
      service: 'sqs',
      resource: `${props.replyQueueNamePrefix}*`,
    });

    // Authorizer: reads one token item by its hash, nothing else.
    const authorizer = new ServiceFunction(this, 'Authorizer', {
      entry: 'functions/authorizer/handler.ts',
      description: 'REQUEST authorizer: bearer token to tenant and user',
      memorySize: 256,
      timeout: Duration.seconds(AUTHORIZER_TIMEOUT_SECONDS),
      logRetention,
      environment: {
        TOKENS_TABLE_NAME: data.tokensTable.tableName,
        TOKEN_CACHE_TTL_SECONDS: String(settings.tokenCacheTtlSeconds),
      },
    });
    authorizer.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [data.tokensTable.tableArn],
      }),
    );
    data.dataKey.grantDecrypt(authorizer.role);

    // The profile lookup has one function per event source over the same use case: the HTTP
    // one behind API Gateway, and the direct one other AWS services invoke. Both read the cache
    // and the shard leases, send live lookups to the request queues, and own one reply queue per
    // execution environment under the prefix.
    const lookupEnvironment = {
      CACHE_TABLE_NAME: data.profileCacheTable.tableName,
      SESSIONS_TABLE_NAME: data.sessionsTable.tableName,
      REQUEST_QUEUE_URLS: data.requestQueues.map((queue) => queue.queueUrl).join(','),
      REPLY_QUEUE_NAME_PREFIX: props.replyQueueNamePrefix,
      LIVE_LOOKUP_DEADLINE_MS: String(settings.liveLookupDeadlineMs),
      CACHE_FRESH_SECONDS: String(settings.cacheFreshSeconds),
    };
    // Past its own lookup deadline a function still answers with the envelope; API Gateway's
    // 29 s integration limit stays out of reach.
    const lookupTimeout = Duration.millis(settings.liveLookupDeadlineMs + 5_000);
    const profileHttp = new ServiceFunction(this, 'ProfileHttp', {
      entry: 'functions/profile/http-handler.ts',
      description: 'GET /contacts/profile: cached profile or a live lookup through the worker',
      memorySize: 512,
      timeout: lookupTimeout,
      logRetention,
      environment: lookupEnvironment,
    });
    const profileDirect = new ServiceFunction(this, 'ProfileDirect', {
      entry: 'functions/profile/direct-handler.ts',
      description:
        'Profile lookup for direct invocations (Lambda Invoke, Step Functions, EventBridge)',
      memorySize: 512,
      timeout: lookupTimeout,
      logRetention,
      environment: {
        ...lookupEnvironment,
        // Direct invocations name a (tenant, user); it must hold a token (see the Query grant).
        TOKENS_TABLE_NAME: data.tokensTable.tableName,
      },
    });
    for (const profile of [profileHttp, profileDirect]) {
      this.#grantProfileLookupResources(profile, data, replyQueueArn, props.replyQueueNamePrefix);
    }
    // Only the direct function, only the tenant index, only Query: a direct invocation checks
    // that its (tenant, user) holds a token; token items themselves (by hash) stay readable by
    // the authorizer alone.
    profileDirect.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${data.tokensTable.tableArn}/index/${TOKENS_BY_TENANT_INDEX}`],
      }),
    );

    // The session function: the caller's session status and pairing attempt (sessions table),
    // pairing and logout commands to the shard's worker, a reply queue for the logout's answer.
    const sessionHttp = new ServiceFunction(this, 'SessionHttp', {
      entry: 'functions/session-api/http-handler.ts',
      description: 'GET/DELETE /session, POST /session/pair: the user pairs their own session',
      memorySize: 512,
      // Past its own waits the function still answers with the envelope, within API Gateway's
      // 29 s integration limit.
      timeout: Duration.millis(
        Math.max(DEFAULT_PAIRING_FIRST_CODE_WAIT_MS, DEFAULT_SESSION_COMMAND_DEADLINE_MS) + 3_000,
      ),
      logRetention,
      environment: {
        SESSIONS_TABLE_NAME: data.sessionsTable.tableName,
        REQUEST_QUEUE_URLS: data.requestQueues.map((queue) => queue.queueUrl).join(','),
        REPLY_QUEUE_NAME_PREFIX: props.replyQueueNamePrefix,
        EVENT_BUS_NAME: data.sessionEvents.bus.eventBusName,
      },
    });
    this.#grantSessionResources(sessionHttp, data, replyQueueArn, props.replyQueueNamePrefix);
    // A claimed pairing attempt is a session.status event.
    data.sessionEvents.grantPublish(sessionHttp.role);

    // Tenant administration, and the webhook delivery the bus feeds.
    const admin = new AdminApiFunction(this, 'Admin', { data, logRetention }).service;
    const webhookDelivery = new WebhookDeliveryFunction(this, 'Webhooks', { data, logRetention })
      .service;

    // Sweeper: deletes reply queues whose execution environment is long gone.
    const sweeper = new ServiceFunction(this, 'ReplyQueueSweeper', {
      entry: 'functions/reply-queue-sweeper/handler.ts',
      description: 'Deletes idle reply queues under this deployment prefix',
      memorySize: 256,
      timeout: Duration.minutes(5),
      logRetention,
      environment: {
        REPLY_QUEUE_NAME_PREFIX: props.replyQueueNamePrefix,
        REPLY_QUEUE_IDLE_SECONDS: String(settings.replyQueueIdleSeconds),
      },
    });
    sweeper.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:ListQueues'], resources: ['*'] }),
    );
    sweeper.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['sqs:ListQueueTags', 'sqs:GetQueueAttributes', 'sqs:DeleteQueue'],
        resources: [replyQueueArn],
      }),
    );
    Validations.of(sweeper.role).acknowledge({
      id: wildcardResourceFinding('*'),
      reason:
        'sqs:ListQueues supports no resource-level permission ("*" is its only resource); the sweeper narrows the listing with QueueNamePrefix.',
    });
    Validations.of(sweeper.role).acknowledge({
      id: replyQueueWildcardFinding(props.replyQueueNamePrefix),
      reason:
        'Reply queues are created at run time under this deployment name prefix; tag reads and deletes are confined to it.',
    });
    new events.Rule(this, 'ReplyQueueSweepSchedule', {
      description: 'Runs the reply-queue sweeper',
      schedule: events.Schedule.rate(Duration.minutes(settings.replyQueueSweepMinutes)),
      targets: [new targets.LambdaFunction(sweeper.function, { retryAttempts: 2 })],
    });

    this.api = this.#restApi(settings, logRetention, authorizer.function, {
      contacts: profileHttp.function,
      session: sessionHttp.function,
      admin: admin.function,
    });

    this.authorizerFunction = authorizer.function;
    this.profileHttpFunction = profileHttp.function;
    this.profileDirectFunction = profileDirect.function;
    this.replyQueueSweeperFunction = sweeper.function;
    this.sessionHttpFunction = sessionHttp.function;
    this.adminHttpFunction = admin.function;
    this.webhookDeliveryFunction = webhookDelivery.function;

    new CfnOutput(this, 'ApiUrl', {
      description: 'Base URL of the API (append contacts/profile)',
      value: this.api.url,
    });
    new CfnOutput(this, 'ReplyQueueNamePrefix', {
      description:
        'Set as REPLY_QUEUE_NAME_PREFIX for npm run session (its logout waits for the worker)',
      value: props.replyQueueNamePrefix,
    });
    new CfnOutput(this, 'ProfileFunctionArn', {
      description: 'The direct profile function, for callers granted grantProfileLookup',
      value: profileDirect.function.functionArn,
    });
  }

  /** Cache and lease reads, request sends, and the reply queues under the prefix. */
  #grantProfileLookupResources(
    profile: ServiceFunction<FunctionEntry>,
    data: StatefulResources,
    replyQueueArn: string,
    replyQueueNamePrefix: string,
  ): void {
    profile.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [data.profileCacheTable.tableArn, data.sessionsTable.tableArn],
      }),
    );
    // POST /contacts/profiles (and the direct batch) read cached contacts in one round.
    profile.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:BatchGetItem'],
        resources: [data.profileCacheTable.tableArn],
      }),
    );
    data.dataKey.grantDecrypt(profile.role);
    profile.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: data.requestQueues.map((queue) => queue.queueArn),
      }),
    );
    profile.role.addToPolicy(
      new iam.PolicyStatement({
        actions: [...REPLY_QUEUE_OWNER_ACTIONS],
        resources: [replyQueueArn],
      }),
    );
    Validations.of(profile.role).acknowledge({
      id: replyQueueWildcardFinding(replyQueueNamePrefix),
      reason:
        'Each execution environment creates its own reply queue at run time, named <prefix><random>; the wildcard is confined to this deployment reply-queue name prefix.',
    });
  }

  /**
   * The session function's grants: reads of the status, pairing and lease items; writes of the
   * pairing item only within session partitions; the data key for the encrypted table; sends
   * to the request queues; its own reply queue under the prefix (logout replies).
   */
  #grantSessionResources(
    session: ServiceFunction<FunctionEntry>,
    data: StatefulResources,
    replyQueueArn: string,
    replyQueueNamePrefix: string,
  ): void {
    session.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [data.sessionsTable.tableArn],
      }),
    );
    session.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resources: [data.sessionsTable.tableArn],
        // Never a shard lease, a worker's presence or the session index: session partitions only.
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${SESSION_PARTITION_PREFIX}*`] },
        },
      }),
    );
    data.dataKey.grant(session.role, 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey');
    session.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: data.requestQueues.map((queue) => queue.queueArn),
      }),
    );
    session.role.addToPolicy(
      new iam.PolicyStatement({
        actions: [...REPLY_QUEUE_OWNER_ACTIONS],
        resources: [replyQueueArn],
      }),
    );
    Validations.of(session.role).acknowledge({
      id: replyQueueWildcardFinding(replyQueueNamePrefix),
      reason:
        'Each execution environment creates its own reply queue at run time (for the logout reply), named <prefix><random>; the wildcard is confined to this deployment reply-queue name prefix.',
    });
  }

  /**
   * Lets another principal (a Step Functions state machine, another team's Lambda, a tool
   * server) invoke the direct profile function: exactly lambda:InvokeFunction on it.
   */
  grantProfileLookup(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['lambda:InvokeFunction'],
      resourceArns: [this.profileDirectFunction.functionArn],
    });
  }

  #restApi(
    settings: DeploymentSettings,
    logRetention: logs.RetentionDays,
    authorizerFunction: lambda.IFunction,
    functions: Record<ApiFunction, lambda.IFunction>,
  ): apigateway.RestApi {
    // Like every other log group: bounded retention, removed with the stack.
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const api = new apigateway.RestApi(this, 'Api', {
      restApiName: `${this.stackName}-contacts`,
      description: 'WhatsApp contact profiles: GET /contacts/profile',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
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
    const executionLogs = new logs.LogGroup(this, 'ApiExecutionLogs', {
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
    const requestAuthorizer = new apigateway.RequestAuthorizer(this, 'BearerTokenAuthorizer', {
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
    for (const route of API_ROUTES) {
      const resource = route.path === '/' ? api.root : api.root.resourceForPath(route.path);
      const method = resource.addMethod(
        route.method,
        integrationOf(route.function),
        route.authorized
          ? {
              authorizer: requestAuthorizer,
              authorizationType: apigateway.AuthorizationType.CUSTOM,
            }
          : { authorizationType: apigateway.AuthorizationType.NONE },
      );
      if (!route.authorized) {
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} exists only so unknown routes and methods get the contract's 404 NOT_FOUND envelope (with an ISO timestamp) from the ${route.function} function; it serves no data.`,
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

    Validations.of(api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'No WAF web ACL by default: it costs a monthly fee per ACL and rule even at rest. Abuse is bounded by stage throttling, the per-user token authorizer and per-user live-lookup budgets; an operator can associate a web ACL with the stage.',
    });
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'The profile function validates the query with zod so that every failure is the contract envelope with a specific message; jid-or-number is an either/or that API Gateway request validation cannot express.',
    });
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'AmazonAPIGatewayPushToCloudWatchLogs is the AWS-managed policy of the account-level role API Gateway writes execution logs with; it grants log writes only.',
    });
    return api;
  }
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
