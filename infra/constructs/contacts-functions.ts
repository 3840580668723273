import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { TOKENS_TABLE } from '../../functions/resources/table-definitions.ts';
import type { DeploymentSettings } from '../deployment-settings.ts';
import type { StatefulResources } from '../stacks/stateful-stack.ts';
import { ServiceFunction } from './service-function.ts';
import { grantShardLeaseReads } from './sessions-table-grants.ts';
import { grantWorkerClient } from './worker-client-grants.ts';

/** The index a direct invocation queries to check that its (tenant, user) holds a token. */
export const TOKENS_BY_TENANT_INDEX = TOKENS_TABLE.globalSecondaryIndexes[0].indexName;

export interface ContactsFunctionsProps {
  data: StatefulResources;
  settings: DeploymentSettings;
  replyQueueNamePrefix: string;
  logRetention: logs.RetentionDays;
}

/**
 * The contacts runtime (functions/contacts/) has one function per event source over the same
 * use cases: the HTTP one behind API Gateway, and the direct one other AWS services invoke.
 * Both read the cache and the shard leases (no other item of the sessions table), send live
 * lookups to the request queues (never a session command), and own
 * one reply queue per execution environment under the prefix. Made directly in `scope` (the
 * API stack): the construct ids `ProfileHttp` and `ProfileDirect` are those deployed.
 */
export function createContactsFunctions(scope: Construct, props: ContactsFunctionsProps) {
  const { data, settings, logRetention } = props;
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
  const http = new ServiceFunction(scope, 'ProfileHttp', {
    entry: 'functions/contacts/http/handler.ts',
    description: 'GET /contacts/profile: cached profile or a live lookup through the worker',
    memorySize: 512,
    timeout: lookupTimeout,
    logRetention,
    environment: lookupEnvironment,
  });
  const direct = new ServiceFunction(scope, 'ProfileDirect', {
    entry: 'functions/contacts/direct/handler.ts',
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
  for (const contacts of [http, direct]) {
    contacts.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [data.profileCacheTable.tableArn],
      }),
    );
    // Of the sessions table, a shard lease's expiry only: no session item, no credential.
    grantShardLeaseReads(contacts.role, data);
    // POST /contacts/profiles (and the direct batch) read cached contacts in one round.
    contacts.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:BatchGetItem'],
        resources: [data.profileCacheTable.tableArn],
      }),
    );
    data.dataKey.grantDecrypt(contacts.role);
    // The request queues only: no session command (pair, logout) can come from these roles.
    grantWorkerClient(contacts.role, {
      shardQueues: data.requestQueues,
      replyQueueNamePrefix: props.replyQueueNamePrefix,
    });
  }
  // Only the direct function, only the tenant index, only Query: a direct invocation checks
  // that its (tenant, user) holds a token; token items themselves (by hash) stay readable by
  // the authorizer alone.
  direct.role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: [`${data.tokensTable.tableArn}/index/${TOKENS_BY_TENANT_INDEX}`],
    }),
  );
  return { http, direct };
}
