import { type App, Aws, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from './cdk-nag.ts';
import { readDeploymentSettings } from './deployment-settings.ts';
import { replyQueueNamePrefix } from './reply-queue-name-prefix.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { ExamplesStack } from './stacks/examples-stack.ts';
import { ObservabilityStack } from './stacks/observability-stack.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';
import { WorkerStack } from './stacks/worker-stack.ts';

/** Resource types whose CloudFormation schema has no Tags property in every region. */
export const UNTAGGABLE_RESOURCE_TYPES = ['AWS::CloudWatch::Dashboard'];

export interface WaContactProfileStacks {
  data: StatefulStack;
  api: ApiStack;
  worker: WorkerStack;
  observability: ObservabilityStack;
  /** Only with `-c waContactProfile:examples=true`. */
  examples?: ExamplesStack;
}

/**
 * The whole system as four stacks (five with the optional examples stack): stateful data apart from the stateless API, worker and
 * observability stacks, wired by typed props. The stacks are environment-agnostic (no account
 * or region at synth time), so synth needs no credentials; `cdk deploy` takes both from the
 * caller's AWS profile. cdk-nag's AwsSolutions pack checks every synth.
 */
export function buildWaContactProfileApp(app: App): WaContactProfileStacks {
  const settings = readDeploymentSettings(app.node);
  const name = settings.appName;

  // IAM role names are per account: the region keeps two regions' deployments apart.
  const workerRoleName = `${name}-worker-${Aws.REGION}`;
  const data = new StatefulStack(app, `${name}-Data`, {
    description: 'WhatsApp contact profiles: tables, queues and keys (stateful)',
    shardCount: settings.shardCount,
    workerRoleName,
    terminationProtection: true,
  });
  const apiStackName = `${name}-Api`;
  const replyPrefix = replyQueueNamePrefix(apiStackName);
  const api = new ApiStack(app, apiStackName, {
    description: 'WhatsApp contact profiles: REST API, authorizer and functions',
    data: data.resources,
    settings,
    replyQueueNamePrefix: replyPrefix,
  });
  const worker = new WorkerStack(app, `${name}-Worker`, {
    description: 'WhatsApp contact profiles: session worker on ECS Fargate',
    data: data.resources,
    settings,
    replyQueueNamePrefix: replyPrefix,
    workerRoleName,
  });
  const observability = new ObservabilityStack(app, `${name}-Observability`, {
    description: 'WhatsApp contact profiles: dashboard and alarms',
    settings,
    alarmTopicKey: data.resources.alarmTopicKey,
    api: api.api,
    authorizerFunction: api.authorizerFunction,
    profileFunction: api.profileHttpFunction,
    profileDirectFunction: api.profileDirectFunction,
    replyQueueSweeperFunction: api.replyQueueSweeperFunction,
    requestQueues: data.resources.requestQueues,
    requestDeadLetterQueue: data.resources.requestDeadLetterQueue,
    warmupQueue: data.resources.warmupQueue,
    warmupDeadLetterQueue: data.resources.warmupDeadLetterQueue,
    webhookDeadLetterQueue: data.resources.sessionEvents.deliveryDeadLetterQueue,
    webhookDeliveryFunction: api.webhookDeliveryFunction,
    workerService: worker.service,
    heartbeatServiceName: worker.heartbeatServiceName,
  });

  const examples = settings.examples
    ? new ExamplesStack(app, `${name}-Examples`, {
        description: 'WhatsApp contact profiles: examples of calling it from AWS (optional)',
        settings,
        profileFunction: api.profileDirectFunction,
        grantProfileLookup: (grantee) => api.grantProfileLookup(grantee),
      })
    : undefined;

  // CloudFormation rejects Tags on AWS::CloudWatch::Dashboard in most regions (cfn-lint E3002):
  // the app-wide tag would roll the observability stack back there.
  Tags.of(app).add('application', name, { excludeResourceTypes: UNTAGGABLE_RESOURCE_TYPES });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { data, api, worker, observability, ...(examples ? { examples } : {}) };
}
