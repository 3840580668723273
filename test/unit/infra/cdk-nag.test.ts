import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { buildWaContactProfileApp } from '../../../infra/build-app.ts';
import { AwsSolutionsChecks } from '../../../infra/cdk-nag.ts';
import { createApp, DEFAULT_REPLY_QUEUE_PREFIX } from '../../support/infra/synthesize-app.ts';

/** Every acknowledgement in the tree: rule id, reason and where it was made. */
function acknowledgements(root: IConstruct): { id: string; reason: string; path: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          id: id.replace(/^annotation::/i, ''),
          reason,
          path: construct.node.path,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions checks', () => {
  it('finds nothing unacknowledged in the whole app', () => {
    const app = createApp();
    buildWaContactProfileApp(app);
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('finds nothing unacknowledged with the WAF web ACL and reserved concurrency on', () => {
    const app = createApp({
      'waContactProfile:wafRateLimitPer5Minutes': '1000',
      'waContactProfile:contactsReservedConcurrency': '50',
    });
    buildWaContactProfileApp(app);
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
  });

  it('still reports a future "*" grant on a function role: the X-Ray acknowledgement covers only the tracing policy', () => {
    // prepare
    const app = createApp();
    const stacks = buildWaContactProfileApp(app);
    const profileRole = stacks.api.node.findChild('ProfileHttp').node.findChild('Role') as iam.Role;
    profileRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }),
    );

    // act
    const report = new AwsSolutionsChecks(app).validateScope(app);

    // assert
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
    ]);
  });

  it('acknowledges only the listed findings, each with a concrete reason', () => {
    const app = createApp();
    buildWaContactProfileApp(app);
    // CDK itself acknowledges a few of its built-in CloudFormation-Validate rules; ours are nag's.
    const found = acknowledgements(app).filter((acknowledgement) =>
      acknowledgement.id.startsWith('AwsSolutions-'),
    );
    for (const acknowledgement of found) {
      expect(acknowledgement.reason.length, acknowledgement.path).toBeGreaterThan(40);
    }
    const reply = `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sqs:<AWS::Region>:<AWS::AccountId>:${DEFAULT_REPLY_QUEUE_PREFIX}*]`;
    expect([...new Set(found.map((acknowledgement) => acknowledgement.id))].sort()).toEqual(
      [
        'AwsSolutions-APIG2',
        'AwsSolutions-APIG3',
        'AwsSolutions-APIG4',
        'AwsSolutions-COG4',
        'AwsSolutions-DDB3',
        'AwsSolutions-ECS2',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
        'AwsSolutions-IAM5[Resource::*]',
        reply,
      ].sort(),
    );
    // The not-found routes (ANY on each contact, session and admin path, /, /{proxy+},
    // /console/…) and the console's page and assets (GET /, GET /console/{asset+}) are the only
    // unauthenticated methods.
    expect(
      found.filter((acknowledgement) => acknowledgement.id === 'AwsSolutions-APIG4'),
    ).toHaveLength(14);
    // The cache is the only table without point-in-time recovery.
    expect(
      found
        .filter((acknowledgement) => acknowledgement.id === 'AwsSolutions-DDB3')
        .map((a) => a.path),
    ).toEqual(['WaContactProfile-Data/ProfileCache']);
  });

  it('finds nothing unacknowledged with the examples stack, which acknowledges only the log-delivery and tracing wildcard', () => {
    const app = createApp({ 'waContactProfile:examples': 'true' });
    const stacks = buildWaContactProfileApp(app);

    const report = new AwsSolutionsChecks(app).validateScope(app);

    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
    const examples = acknowledgements(stacks.examples as IConstruct).filter((acknowledgement) =>
      acknowledgement.id.startsWith('AwsSolutions-'),
    );
    expect(examples.map(({ id, path }) => ({ id, path }))).toEqual([
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        path: 'WaContactProfile-Examples/LeadEnrichmentRole',
      },
    ]);
    expect(examples[0]?.reason).toMatch(/no resource-level permissions/);
  });

  it('runs on every synth: a non-compliant resource fails synthesis', () => {
    const app = createApp();
    const stacks = buildWaContactProfileApp(app);
    new sqs.Queue(stacks.data, 'PlainQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS2/);
  });
});
