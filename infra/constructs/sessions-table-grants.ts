import * as iam from 'aws-cdk-lib/aws-iam';
import {
  LEASE_EXPIRY_ATTRIBUTE,
  PAIRING_ATTEMPT_ATTRIBUTES,
  SESSION_PARTITION_PREFIX,
  SESSION_STATUS_ATTRIBUTES,
  SESSIONS_PK,
  SESSIONS_SK,
  SHARD_LEASE_PARTITION_PREFIX,
} from '../../functions/resources/sessions-table-keys.ts';
import type { StatefulResources } from '../stacks/stateful-stack.ts';

/**
 * What the API functions may do in the sessions table, which also holds every session's sealed
 * WhatsApp credentials and Signal keys (the worker's alone). IAM cannot tell sort keys apart, so
 * the grants name partitions (`dynamodb:LeadingKeys`) and attributes (`dynamodb:Attributes`):
 * a request that reads or writes any other attribute, or asks for all of them, is denied.
 */
const attributesOnly = (attributes: readonly string[]) => ({
  'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...new Set(attributes)] },
  StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
});

/** The contacts functions read one thing: a shard lease's expiry (is a worker serving it?). */
export function grantShardLeaseReads(role: iam.IRole, data: StatefulResources): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:GetItem'],
      resources: [data.sessionsTable.tableArn],
      conditions: {
        'ForAllValues:StringLike': {
          'dynamodb:LeadingKeys': [`${SHARD_LEASE_PARTITION_PREFIX}*`],
        },
        ...attributesOnly([LEASE_EXPIRY_ATTRIBUTE]),
      },
    }),
  );
}

/**
 * The session function reads leases, a session's status and its pairing attempt, and writes the
 * pairing attempt, in session partitions only: never a credential attribute.
 */
export function grantSessionItemAccess(role: iam.IRole, data: StatefulResources): void {
  grantShardLeaseReads(role, data);
  grantSessionStatusReads(role, data);
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
      resources: [data.sessionsTable.tableArn],
      conditions: {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${SESSION_PARTITION_PREFIX}*`] },
        'ForAllValues:StringEquals': {
          'dynamodb:Attributes': [
            ...new Set([SESSIONS_PK, SESSIONS_SK, ...PAIRING_ATTEMPT_ATTRIBUTES]),
          ],
        },
      },
    }),
  );
}

/**
 * Reads of a session's status and pairing attempt items, in session partitions only and of
 * their named attributes only (the session function; the admin function's GET /admin/sessions).
 */
export function grantSessionStatusReads(role: iam.IRole, data: StatefulResources): void {
  const sessionAttributes = [
    SESSIONS_PK,
    SESSIONS_SK,
    ...SESSION_STATUS_ATTRIBUTES,
    ...PAIRING_ATTEMPT_ATTRIBUTES,
  ];
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:GetItem'],
      resources: [data.sessionsTable.tableArn],
      conditions: {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${SESSION_PARTITION_PREFIX}*`] },
        ...attributesOnly(sessionAttributes),
      },
    }),
  );
}
