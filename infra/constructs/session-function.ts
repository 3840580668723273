import { Duration } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  DEFAULT_PAIRING_FIRST_CODE_WAIT_MS,
  DEFAULT_SESSION_COMMAND_DEADLINE_MS,
} from '../../functions/resources/runtime-limits.ts';
import type { StatefulResources } from '../stacks/stateful-stack.ts';
import { ServiceFunction } from './service-function.ts';
import { grantSessionItemAccess } from './sessions-table-grants.ts';
import { grantWorkerClient } from './worker-client-grants.ts';

export interface SessionFunctionProps {
  data: StatefulResources;
  replyQueueNamePrefix: string;
  logRetention: logs.RetentionDays;
}

/**
 * The session function (functions/session-api/): the caller's session status and pairing
 * attempt (sessions table), pairing and logout commands to the shard's worker (its session-command queue, which no other
 * API role may send to), a reply queue
 * for the logout's answer. Reads of the status, pairing and lease items; writes of the pairing
 * item only within session partitions; the data key for the encrypted table. Made directly in
 * `scope` (the API stack): the construct id `SessionHttp` is the one deployed.
 */
export function createSessionFunction(scope: Construct, props: SessionFunctionProps) {
  const { data } = props;
  const session = new ServiceFunction(scope, 'SessionHttp', {
    entry: 'functions/session-api/handler.ts',
    description: 'GET/DELETE /session, POST /session/pair: the user pairs their own session',
    memorySize: 512,
    // Past its own waits the function still answers with the envelope, within API Gateway's
    // 29 s integration limit.
    timeout: Duration.millis(
      Math.max(DEFAULT_PAIRING_FIRST_CODE_WAIT_MS, DEFAULT_SESSION_COMMAND_DEADLINE_MS) + 3_000,
    ),
    logRetention: props.logRetention,
    environment: {
      SESSIONS_TABLE_NAME: data.sessionsTable.tableName,
      SESSION_COMMAND_QUEUE_URLS: data.sessionCommandQueues
        .map((queue) => queue.queueUrl)
        .join(','),
      REPLY_QUEUE_NAME_PREFIX: props.replyQueueNamePrefix,
      EVENT_BUS_NAME: data.sessionEvents.bus.eventBusName,
    },
  });
  grantSessionItemAccess(session.role, data);
  data.dataKey.grant(session.role, 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey');
  // Sends to the session-command queues only: pair and logout, never a lookup.
  grantWorkerClient(session.role, {
    shardQueues: data.sessionCommandQueues,
    replyQueueNamePrefix: props.replyQueueNamePrefix,
  });
  // A claimed pairing attempt is a session.status event.
  data.sessionEvents.grantPublish(session.role);
  return session;
}
