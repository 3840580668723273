import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
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
  synthesizeApp,
  synthesizeAppBeforeAll,
} from '../../../support/infra/synthesize-app.ts';
import { importOf, LOG_WRITE, XRAY_WRITE } from '../../../support/infra/template-matchers.ts';

describe('ApiStack', () => {
  const synthesized = synthesizeAppBeforeAll();

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
