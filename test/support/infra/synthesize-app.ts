import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildWaContactProfileApp, type WaContactProfileStacks } from '../../../infra/build-app.ts';
import { INLINE_FUNCTION_CODE_CONTEXT } from '../../../infra/deployment-settings.ts';
import { replyQueueNamePrefix } from '../../../infra/reply-queue-name-prefix.ts';
import { REPO_ROOT } from '../../../infra/repo-paths.ts';

/** The reply-queue prefix of the default deployment's API stack. */
export const DEFAULT_REPLY_QUEUE_PREFIX = replyQueueNamePrefix('WaContactProfile-Api');

export interface SynthesizedApp {
  app: App;
  stacks: WaContactProfileStacks;
  templates: {
    data: Template;
    api: Template;
    worker: Template;
    observability: Template;
    /** Only when the context enables the examples stack. */
    examples?: Template;
  };
}

/**
 * The app exactly as `cdk synth` builds it (same builder, same cdk.json context), except that
 * functions get inline placeholder code instead of an esbuild bundle: the templates are the
 * same apart from the code asset, and a test file synthesizes in seconds.
 */
export function synthesizeApp(extraContext: Record<string, unknown> = {}): SynthesizedApp {
  const app = createApp(extraContext);
  const stacks = buildWaContactProfileApp(app);
  return {
    app,
    stacks,
    templates: {
      data: Template.fromStack(stacks.data),
      api: Template.fromStack(stacks.api),
      worker: Template.fromStack(stacks.worker),
      observability: Template.fromStack(stacks.observability),
      ...(stacks.examples ? { examples: Template.fromStack(stacks.examples) } : {}),
    },
  };
}

export function createApp(extraContext: Record<string, unknown> = {}): App {
  const cdkJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return new App({
    // CDK's built-in CloudFormation schema validation costs seconds per synth; `npm run synth`
    // (and the synth test that runs it) keeps it. cdk-nag still runs on every synth here.
    builtinCloudFormationValidation: false,
    outdir: mkdtempSync(path.join(tmpdir(), 'cdk-test-')),
    context: { ...cdkJson.context, [INLINE_FUNCTION_CODE_CONTEXT]: true, ...extraContext },
  });
}

type CfnResource = { Type: string; Properties: Record<string, unknown>; [key: string]: unknown };

/** The one resource of a type whose logical id starts with the construct path's ids. */
export function resourceByIdPrefix(template: Template, type: string, prefix: string): CfnResource {
  const matches = Object.entries(
    template.findResources(type) as Record<string, CfnResource>,
  ).filter(([logicalId]) => logicalId.startsWith(prefix));
  if (matches.length !== 1) {
    throw new Error(`expected one ${type} with id prefix ${prefix}, found ${matches.length}`);
  }
  return (matches[0] as [string, CfnResource])[1];
}

/** The one Lambda function whose logical id starts with the construct path's ids. */
export function functionByIdPrefix(template: Template, prefix: string): CfnResource {
  return resourceByIdPrefix(template, 'AWS::Lambda::Function', prefix);
}

/** The statements of the inline policy attached to a role, by the role's logical id prefix. */
export function policyStatementsOfRole(template: Template, roleIdPrefix: string): unknown[] {
  const roles = Object.keys(template.findResources('AWS::IAM::Role')).filter((id) =>
    id.startsWith(roleIdPrefix),
  );
  if (roles.length !== 1)
    throw new Error(`expected one role ${roleIdPrefix}, found ${roles.length}`);
  const policies = Object.values(
    template.findResources('AWS::IAM::Policy') as Record<string, CfnResource>,
  ).filter((policy) =>
    (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roles[0]),
  );
  return policies.flatMap(
    (policy) => (policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement,
  );
}

/** The ARN pattern of the profile function's reply queues, as the templates write it. */
export const REPLY_QUEUE_ARN = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':sqs:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      `:${DEFAULT_REPLY_QUEUE_PREFIX}*`,
    ],
  ],
};
