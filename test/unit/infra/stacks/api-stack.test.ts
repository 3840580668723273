import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, type ApiRoute, NO_FUNCTION } from '../../../../functions/api/api-routes.ts';
import { GATEWAY_RESPONSE_ENVELOPES } from '../../../../functions/api/gateway-response-envelopes.ts';
import { TOKENS_TABLE } from '../../../../functions/resources/table-definitions.ts';
import { buildWaContactProfileApp } from '../../../../infra/build-app.ts';
import { TOKENS_BY_TENANT_INDEX } from '../../../../infra/constructs/contacts-functions.ts';
import { REPLY_QUEUE_OWNER_ACTIONS } from '../../../../infra/constructs/worker-client-grants.ts';
import {
  createApp,
  DEFAULT_REPLY_QUEUE_PREFIX,
  functionByIdPrefix,
  policyStatementsOfRole,
  REPLY_QUEUE_ARN,
  resourceByIdPrefix,
  type SynthesizedApp,
  synthesizeApp,
} from '../../../support/infra/synthesize-app.ts';
import { importOf, LOG_WRITE, XRAY_WRITE } from '../../../support/infra/template-matchers.ts';

describe('ApiStack', () => {
  let synthesized: SynthesizedApp;
  beforeAll(() => {
    synthesized = synthesizeApp();
  });

  describe('functions', () => {
    it.each([
      ['Authorizer'],
      ['ProfileHttp'],
      ['ProfileDirect'],
      ['ReplyQueueSweeper'],
      ['SessionHttp'],
    ])('runs %s on Node 24, ARM64, with active tracing and its own log group', (id) => {
      const fn = functionByIdPrefix(synthesized.templates.api, `${id}Function`);
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: expect.stringMatching(new RegExp(`^${id}Logs`)) } },
      });
    });

    it('passes the authorizer its token table and cache TTL', () => {
      const fn = functionByIdPrefix(synthesized.templates.api, 'AuthorizerFunction');
      expect(fn.Properties.Environment).toEqual({
        Variables: {
          TOKENS_TABLE_NAME: { 'Fn::ImportValue': expect.stringMatching(/RefTokens/) },
          TOKEN_CACHE_TTL_SECONDS: '60',
        },
      });
    });

    const LOOKUP_VARIABLES = {
      CACHE_TABLE_NAME: { 'Fn::ImportValue': expect.stringMatching(/RefProfileCache/) },
      SESSIONS_TABLE_NAME: { 'Fn::ImportValue': expect.stringMatching(/RefSessions/) },
      REQUEST_QUEUE_URLS: {
        'Fn::ImportValue': expect.stringMatching(/RefProfileRequestsShard0/),
      },
      REPLY_QUEUE_NAME_PREFIX: DEFAULT_REPLY_QUEUE_PREFIX,
      LIVE_LOOKUP_DEADLINE_MS: '10000',
      CACHE_FRESH_SECONDS: '86400',
    };

    it('passes the HTTP profile function its tables, request queues, reply prefix and timings, and no tokens table', () => {
      const fn = functionByIdPrefix(synthesized.templates.api, 'ProfileHttpFunction');
      expect(fn.Properties.Environment).toEqual({
        Variables: { ...LOOKUP_VARIABLES },
      });
      // The function outlives its own lookup deadline, so it always answers with the envelope.
      expect(fn.Properties.Timeout).toBe(15);
    });

    it('passes the session function its sessions table, session-command queues and reply prefix, outliving its waits', () => {
      const fn = functionByIdPrefix(synthesized.templates.api, 'SessionHttpFunction');
      expect(fn.Properties.Environment).toEqual({
        Variables: {
          SESSIONS_TABLE_NAME: LOOKUP_VARIABLES.SESSIONS_TABLE_NAME,
          SESSION_COMMAND_QUEUE_URLS: {
            'Fn::ImportValue': expect.stringMatching(/RefSessionCommandsShard0/),
          },
          REPLY_QUEUE_NAME_PREFIX: LOOKUP_VARIABLES.REPLY_QUEUE_NAME_PREFIX,
          EVENT_BUS_NAME: { 'Fn::ImportValue': expect.stringMatching(/SessionEventsBus/) },
        },
      });
      // The logout waits up to 20 s for the worker; the function answers itself before 29 s.
      expect(fn.Properties.Timeout).toBe(23);
    });

    it('passes the direct profile function the same, plus the tokens table for its known-user check', () => {
      const fn = functionByIdPrefix(synthesized.templates.api, 'ProfileDirectFunction');
      expect(fn.Properties.Environment).toEqual({
        Variables: {
          ...LOOKUP_VARIABLES,
          TOKENS_TABLE_NAME: { 'Fn::ImportValue': expect.stringMatching(/RefTokens/) },
        },
      });
      expect(fn.Properties.Timeout).toBe(15);
    });

    it('bundles each profile function from its own entry point', () => {
      const descriptions = ['ProfileHttpFunction', 'ProfileDirectFunction'].map(
        (id) => functionByIdPrefix(synthesized.templates.api, id).Properties.Description,
      );
      expect(descriptions).toEqual([
        expect.stringMatching(/^GET \/contacts\/profile/),
        expect.stringMatching(/direct invocations/),
      ]);
    });

    it('joins one request queue URL per shard, in shard order', () => {
      const { templates } = synthesizeApp({ 'waContactProfile:shardCount': 3 });
      const fn = functionByIdPrefix(templates.api, 'ProfileHttpFunction');
      const urls = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables
        .REQUEST_QUEUE_URLS;
      expect(urls).toEqual({
        'Fn::Join': [
          '',
          [
            { 'Fn::ImportValue': expect.stringMatching(/RefProfileRequestsShard0/) },
            ',',
            { 'Fn::ImportValue': expect.stringMatching(/RefProfileRequestsShard1/) },
            ',',
            { 'Fn::ImportValue': expect.stringMatching(/RefProfileRequestsShard2/) },
          ],
        ],
      });
    });

    it('passes the sweeper the reply prefix and idle limit, and runs it on a schedule', () => {
      const fn = functionByIdPrefix(synthesized.templates.api, 'ReplyQueueSweeperFunction');
      expect(fn.Properties.Environment).toEqual({
        Variables: {
          REPLY_QUEUE_NAME_PREFIX: DEFAULT_REPLY_QUEUE_PREFIX,
          REPLY_QUEUE_IDLE_SECONDS: '3600',
        },
      });
      synthesized.templates.api.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: 'rate(15 minutes)',
        State: 'ENABLED',
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ReplyQueueSweeperFunction'), 'Arn'] },
          }),
        ],
      });
    });
  });

  describe('IAM', () => {
    it('lets the authorizer read token items and nothing else', () => {
      expect(policyStatementsOfRole(synthesized.templates.api, 'AuthorizerRole')).toEqual([
        LOG_WRITE,
        {
          Action: 'dynamodb:GetItem',
          Effect: 'Allow',
          Resource: importOf('TokensArn|Tokens.*Arn'),
        },
        { Action: 'kms:Decrypt', Effect: 'Allow', Resource: importOf('DataKey.*Arn') },
        // Active tracing, from the function's own tracing policy.
        XRAY_WRITE,
      ]);
    });

    const PAIRING = [
      'attemptId',
      'method',
      'state',
      'startedAt',
      'endsAt',
      'aliveUntil',
      'recentStarts',
      'qr',
      'pairingCode',
      'codeExpiresAt',
      'endReason',
      'expiresAt',
    ];
    const STATUS_AND_PAIRING = [
      'state',
      'updatedAt',
      'account',
      'reason',
      'jid',
      'pairedAt',
      'bannedAt',
      'banCode',
      'banEndsAt',
      'timelockedAt',
      'timelockEndsAt',
      ...PAIRING,
    ];
    // GET reads one cached contact, POST /contacts/profiles many in one BatchGetItem.
    const readCache = {
      Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem'],
      Effect: 'Allow',
      Resource: importOf('ProfileCache.*Arn'),
    };
    const onlyAttributes = (attributes: string[]) => ({
      'ForAllValues:StringEquals': { 'dynamodb:Attributes': attributes },
      StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
    });
    // Of the sessions table, a shard lease's expiry only: never a session's item.
    const readLeaseExpiry = {
      Action: 'dynamodb:GetItem',
      Condition: {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['lease#shard-*'] },
        ...onlyAttributes(['leaseExpiresAtMs']),
      },
      Effect: 'Allow',
      Resource: importOf('Sessions.*Arn'),
    };
    const readCacheAndLeases = [readCache, readLeaseExpiry];
    const queryTokensTenantIndex = {
      Action: 'dynamodb:Query',
      Effect: 'Allow',
      Resource: {
        'Fn::Join': ['', [importOf('Tokens.*Arn'), `/index/${TOKENS_BY_TENANT_INDEX}`]],
      },
    };
    const sendRequestsAndOwnReplyQueues = [
      { Action: 'kms:Decrypt', Effect: 'Allow', Resource: importOf('DataKey.*Arn') },
      {
        Action: 'sqs:SendMessage',
        Effect: 'Allow',
        Resource: importOf('ProfileRequestsShard0.*Arn'),
      },
      {
        Action: [...REPLY_QUEUE_OWNER_ACTIONS].sort(),
        Effect: 'Allow',
        Resource: REPLY_QUEUE_ARN,
      },
      // Active tracing, from the function's own tracing policy.
      XRAY_WRITE,
    ];

    it('lets the HTTP profile function read the cache and leases, send requests, and own reply queues under its prefix only', () => {
      expect(policyStatementsOfRole(synthesized.templates.api, 'ProfileHttpRole')).toEqual([
        LOG_WRITE,
        ...readCacheAndLeases,
        ...sendRequestsAndOwnReplyQueues,
      ]);
    });

    it('lets the direct profile function do the same and also query the tokens tenant index', () => {
      expect(policyStatementsOfRole(synthesized.templates.api, 'ProfileDirectRole')).toEqual([
        LOG_WRITE,
        ...readCacheAndLeases,
        ...sendRequestsAndOwnReplyQueues.slice(0, -1),
        queryTokensTenantIndex,
        // Active tracing, from the function's own tracing policy.
        XRAY_WRITE,
      ]);
    });

    it('lets the session function read session items, write them only in session partitions, send commands and own reply queues', () => {
      expect(policyStatementsOfRole(synthesized.templates.api, 'SessionHttpRole')).toEqual([
        LOG_WRITE,
        readLeaseExpiry,
        {
          Action: 'dynamodb:GetItem',
          Condition: {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['wa-session#*'] },
            ...onlyAttributes([...new Set(['pk', 'sk', ...STATUS_AND_PAIRING])]),
          },
          Effect: 'Allow',
          Resource: importOf('Sessions.*Arn'),
        },
        {
          Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
          Condition: {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['wa-session#*'] },
            'ForAllValues:StringEquals': {
              'dynamodb:Attributes': ['pk', 'sk', ...PAIRING],
            },
          },
          Effect: 'Allow',
          Resource: importOf('Sessions.*Arn'),
        },
        {
          Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
          Effect: 'Allow',
          Resource: importOf('DataKey.*Arn'),
        },
        {
          Action: 'sqs:SendMessage',
          Effect: 'Allow',
          Resource: importOf('SessionCommandsShard0.*Arn'),
        },
        ...sendRequestsAndOwnReplyQueues.slice(2, -1),
        // A claimed pairing attempt is an event on the bus, and nothing else there.
        {
          Action: 'events:PutEvents',
          Effect: 'Allow',
          Resource: importOf('SessionEventsBus.*Arn'),
        },
        ...sendRequestsAndOwnReplyQueues.slice(-1),
      ]);
    });

    it('lets the sweeper list queues, and read tags of and delete only queues under the reply prefix', () => {
      expect(policyStatementsOfRole(synthesized.templates.api, 'ReplyQueueSweeperRole')).toEqual([
        LOG_WRITE,
        { Action: 'sqs:ListQueues', Effect: 'Allow', Resource: '*' },
        {
          Action: ['sqs:DeleteQueue', 'sqs:GetQueueAttributes', 'sqs:ListQueueTags'],
          Effect: 'Allow',
          Resource: REPLY_QUEUE_ARN,
        },
        // Active tracing, from the function's own tracing policy.
        XRAY_WRITE,
      ]);
    });

    it('grants a profile lookup as lambda:InvokeFunction on the direct profile function only', () => {
      const { stacks } = synthesizeApp();
      const caller = new iam.Role(stacks.api, 'ToolServerRole', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      });
      stacks.api.grantProfileLookup(caller);
      const statements = stacks.api.resolve(
        (caller.node.tryFindChild('DefaultPolicy') as iam.Policy).document.toJSON(),
      ).Statement;
      expect(statements).toEqual([
        {
          Action: 'lambda:InvokeFunction',
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [expect.stringMatching(/^ProfileDirectFunction/), 'Arn'] },
        },
      ]);
    });
  });

  it('queries the index the token definition declares', () => {
    expect(TOKENS_BY_TENANT_INDEX).toBe('byTenant');
    expect(TOKENS_TABLE.globalSecondaryIndexes.map((index) => index.indexName)).toContain(
      TOKENS_BY_TENANT_INDEX,
    );
  });

  describe('grantProfileLookup', () => {
    it('gives a role in another stack exactly lambda:InvokeFunction on the exported profile function ARN', () => {
      const app = createApp();
      const stacks = buildWaContactProfileApp(app);
      const callerStack = new Stack(app, 'CallerStack');
      const caller = new iam.Role(callerStack, 'LeadEnricherRole', {
        assumedBy: new iam.ServicePrincipal('states.amazonaws.com'),
      });

      stacks.api.grantProfileLookup(caller);

      const policies = Object.values(
        Template.fromStack(callerStack).findResources('AWS::IAM::Policy') as Record<
          string,
          { Properties: { PolicyDocument: { Statement: unknown[] }; Roles: unknown[] } }
        >,
      );
      expect(policies).toHaveLength(1);
      expect(policies[0]?.Properties.Roles).toEqual([
        { Ref: expect.stringMatching(/^LeadEnricherRole/) },
      ]);
      expect(policies[0]?.Properties.PolicyDocument.Statement).toEqual([
        {
          Action: 'lambda:InvokeFunction',
          Effect: 'Allow',
          Resource: importOf('WaContactProfile-Api:.*ProfileDirectFunction.*Arn'),
        },
      ]);
    });
  });

  it('reserves no concurrency by default, and caps the contacts HTTP function when set', () => {
    const reservations = (template: typeof synthesized.templates.api) =>
      Object.entries(
        template.findResources('AWS::Lambda::Function') as Record<
          string,
          { Properties: { ReservedConcurrentExecutions?: number } }
        >,
      )
        .filter(([, resource]) => resource.Properties.ReservedConcurrentExecutions !== undefined)
        .map(([id, resource]) => [
          id.replace(/[0-9A-F]{8}$/, ''),
          resource.Properties.ReservedConcurrentExecutions,
        ]);
    expect(reservations(synthesized.templates.api)).toEqual([]);
    const capped = synthesizeApp({ 'waContactProfile:contactsReservedConcurrency': '40' });
    expect(reservations(capped.templates.api)).toEqual([['ProfileHttpFunction', 40]]);
  });

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
      const authorizer = resourceByIdPrefix(
        synthesized.templates.api,
        'AWS::ApiGateway::Authorizer',
        'BearerTokenAuthorizer',
      );
      expect(authorizer.Properties).toMatchObject({
        Type: 'REQUEST',
        AuthorizerResultTtlInSeconds: 0,
      });
      expect(authorizer.Properties).not.toHaveProperty('IdentitySource');
    });

    it('throttles the stage, traces it with X-Ray and writes JSON access logs', () => {
      const stage = resourceByIdPrefix(
        synthesized.templates.api,
        'AWS::ApiGateway::Stage',
        'ApiDeploymentStage',
      );
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

    it('outputs the API URL, the reply-queue prefix and the direct profile function ARN', () => {
      const outputs = synthesized.templates.api.toJSON().Outputs as Record<
        string,
        { Value: unknown }
      >;
      expect(outputs.ApiUrl?.Value).toEqual({
        'Fn::Join': [
          '',
          expect.arrayContaining([
            'https://',
            { Ref: expect.stringMatching(/^ApiDeploymentStagev1/) },
          ]),
        ],
      });
      expect(outputs.ReplyQueueNamePrefix?.Value).toBe(DEFAULT_REPLY_QUEUE_PREFIX);
      expect(outputs.ProfileFunctionArn?.Value).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^ProfileDirectFunction/), 'Arn'],
      });
    });
  });

  it('grants the profile function only the reply-queue actions its code calls', () => {
    expect([...REPLY_QUEUE_OWNER_ACTIONS].sort()).toEqual([
      'sqs:CreateQueue',
      'sqs:DeleteMessage',
      'sqs:ReceiveMessage',
      'sqs:TagQueue',
    ]);
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
