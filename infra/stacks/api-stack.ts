import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { AUTHORIZER_TIMEOUT_SECONDS } from '../../functions/api/authorizer-timeout.ts';
import { createAdminApiFunction } from '../constructs/admin-api-function.ts';
import { createApiWebAcl } from '../constructs/api-web-acl.ts';
import { ConsoleFunction } from '../constructs/console-function.ts';
import { createContactsFunctions } from '../constructs/contacts-functions.ts';
import { createContactsRestApi } from '../constructs/contacts-rest-api.ts';
import { createReplyQueueSweeper } from '../constructs/reply-queue-sweeper.ts';
import { ServiceFunction } from '../constructs/service-function.ts';
import { createSessionFunction } from '../constructs/session-function.ts';
import { createTenantUsagePlan } from '../constructs/tenant-usage-plan.ts';
import { createWebhookDeliveryFunction } from '../constructs/webhook-delivery-function.ts';
import type { DeploymentSettings } from '../deployment-settings.ts';
import { retentionDays } from '../log-retention.ts';
import type { StatefulResources } from './stateful-stack.ts';

export interface ApiStackProps extends StackProps {
  /** The tables, queues and data key of the stateful stack. */
  data: StatefulResources;
  settings: DeploymentSettings;
  /** Reply queues live under this name prefix (see reply-queue-name-prefix.ts). */
  replyQueueNamePrefix: string;
}

/**
 * The request path: REST API, REQUEST authorizer, the contacts and session functions, and the
 * sweeper that deletes reply queues left behind by execution environments that are gone. Each
 * piece is a construct of infra/constructs/ made directly in this stack, so every logical id
 * is the one it has always had.
 */
export class ApiStack extends Stack {
  readonly api: apigateway.RestApi;
  /** The per-tenant throttle and quota; each tenant's API key joins it (the token CLI). */
  readonly tenantUsagePlan: apigateway.UsagePlan;
  readonly authorizerFunction: lambda.IFunction;
  /** The contacts HTTP function: the /contacts routes. */
  readonly profileHttpFunction: lambda.IFunction;
  /** The contacts direct function other AWS services invoke; see grantProfileLookup. */
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
    const { data, settings, replyQueueNamePrefix } = props;
    const logRetention = retentionDays(settings.logRetentionDays);

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

    const contacts = createContactsFunctions(this, {
      data,
      settings,
      replyQueueNamePrefix,
      logRetention,
    });
    const session = createSessionFunction(this, { data, replyQueueNamePrefix, logRetention });
    // Tenant administration, and the webhook delivery the events bus feeds.
    const admin = createAdminApiFunction(this, { data, logRetention });
    const webhookDelivery = createWebhookDeliveryFunction(this, { data, logRetention });
    const sweeper = createReplyQueueSweeper(this, {
      replyQueueNamePrefix,
      replyQueueIdleSeconds: settings.replyQueueIdleSeconds,
      sweepEveryMinutes: settings.replyQueueSweepMinutes,
      logRetention,
    });

    this.api = createContactsRestApi(this, {
      settings,
      logRetention,
      authorizerFunction: authorizer.function,
      functions: {
        contacts: contacts.http.function,
        session: session.function,
        console: new ConsoleFunction(this, 'ConsoleHttp', { logRetention }).function,
        admin: admin.function,
      },
    });
    this.tenantUsagePlan = createTenantUsagePlan({ api: this.api, settings });
    if (settings.wafRateLimitPer5Minutes !== undefined) {
      createApiWebAcl(this, { api: this.api, limitPer5Minutes: settings.wafRateLimitPer5Minutes });
    }
    if (settings.contactsReservedConcurrency !== undefined) {
      (
        contacts.http.function.node.defaultChild as lambda.CfnFunction
      ).reservedConcurrentExecutions = settings.contactsReservedConcurrency;
    }

    this.authorizerFunction = authorizer.function;
    this.profileHttpFunction = contacts.http.function;
    this.profileDirectFunction = contacts.direct.function;
    this.replyQueueSweeperFunction = sweeper.function;
    this.sessionHttpFunction = session.function;
    this.adminHttpFunction = admin.function;
    this.webhookDeliveryFunction = webhookDelivery.function;

    new CfnOutput(this, 'ApiUrl', {
      description: 'Base URL of the API (append contacts/profile)',
      value: this.api.url,
    });
    new CfnOutput(this, 'ReplyQueueNamePrefix', {
      description:
        'Set as REPLY_QUEUE_NAME_PREFIX for npm run session (its logout waits for the worker)',
      value: replyQueueNamePrefix,
    });
    new CfnOutput(this, 'UsagePlanId', {
      description: "Set as USAGE_PLAN_ID for npm run token: each tenant's API key joins this plan",
      value: this.tenantUsagePlan.usagePlanId,
    });
    new CfnOutput(this, 'ProfileFunctionArn', {
      description: 'The direct profile function, for callers granted grantProfileLookup',
      value: contacts.direct.function.functionArn,
    });
  }

  /**
   * Lets another principal (a Step Functions state machine, another team's Lambda, a tool
   * server) invoke the contacts direct function: exactly lambda:InvokeFunction on it.
   */
  grantProfileLookup(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['lambda:InvokeFunction'],
      resourceArns: [this.profileDirectFunction.functionArn],
    });
  }
}
