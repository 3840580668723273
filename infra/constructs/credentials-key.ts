import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  AUTH_STATE_CONTEXT_KEYS,
  AUTH_STATE_PURPOSE,
} from '../../functions/resources/auth-state-encryption-context.ts';

/** Managing the key (policy, rotation, deletion) without being able to use it. */
const KEY_ADMINISTRATION_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
];

/** What the worker's credential cipher calls: a data key to seal with, and its unwrapping. */
export const CREDENTIALS_KEY_USE_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

/** The context condition every use of the key must meet (the cipher sets purpose, tenant, user). */
export function credentialsKeyUseConditions(): Record<string, Record<string, unknown>> {
  return {
    StringEquals: { 'kms:EncryptionContext:purpose': AUTH_STATE_PURPOSE },
    'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': [...AUTH_STATE_CONTEXT_KEYS] },
    Null: { 'kms:EncryptionContext:tenant': 'false', 'kms:EncryptionContext:user': 'false' },
  };
}

export interface CredentialsKeyProps {
  /** The worker task role's name: the one principal the key policy lets use the key. */
  workerRoleName: string;
}

/**
 * The KMS key that seals the sessions' WhatsApp credentials and Signal keys. Its policy is the
 * boundary: the account may administer it, and only the worker task role may generate or unwrap
 * data keys with it, each time for one named session. Unlike a default key policy, the account
 * root gets no `kms:*`, so no other role's IAM policy can grant itself the key's use.
 *
 * The worker role is named by its ARN in a condition (not as the principal), so recreating the
 * role under the same name keeps working, and the stateful stack needs no reference to the
 * stateless worker stack.
 */
export class CredentialsKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: CredentialsKeyProps) {
    super(scope, id);
    const account = new iam.AccountRootPrincipal();
    const workerRoleArn = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/${props.workerRoleName}`;
    this.key = new kms.Key(this, 'Key', {
      description: 'Seals the WhatsApp session credentials; only the session worker may use it',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'AdministerWithoutUse',
            principals: [account],
            actions: KEY_ADMINISTRATION_ACTIONS,
            resources: ['*'],
          }),
          new iam.PolicyStatement({
            sid: 'SessionWorkerSealsAndOpensCredentials',
            principals: [account],
            actions: [...CREDENTIALS_KEY_USE_ACTIONS],
            resources: ['*'],
            conditions: {
              ArnEquals: { 'aws:PrincipalArn': workerRoleArn },
              ...credentialsKeyUseConditions(),
            },
          }),
        ],
      }),
    });
  }
}
