import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKER_HEARTBEAT_METRIC } from '../../../../functions/resources/worker-heartbeat-metric.ts';
import { WORKER_TABLE_ACTIONS } from '../../../../infra/stacks/worker-stack.ts';
import {
  DEFAULT_REPLY_QUEUE_PREFIX,
  functionByIdPrefix,
  policyStatementsOfRole,
  REPLY_QUEUE_ARN,
  resourceByIdPrefix,
  type SynthesizedApp,
  synthesizeApp,
} from '../../../support/infra/synthesize-app.ts';
import { importOf } from '../../../support/infra/template-matchers.ts';

type Resource = { Properties: Record<string, unknown> };

const CONSUME_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueUrl',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
];

describe('WorkerStack', () => {
  let synthesized: SynthesizedApp;
  beforeAll(() => {
    synthesized = synthesizeApp();
  });

  const service = () =>
    resourceByIdPrefix(
      synthesized.templates.worker,
      'AWS::ECS::Service',
      'WorkerService',
    ) as Resource;
  const container = () => {
    const task = resourceByIdPrefix(
      synthesized.templates.worker,
      'AWS::ECS::TaskDefinition',
      'WorkerTask',
    ) as Resource;
    return (task.Properties.ContainerDefinitions as Record<string, unknown>[])[0] as Record<
      string,
      unknown
    >;
  };

  it('runs the worker as a Fargate service on ARM64', () => {
    expect(service().Properties).toMatchObject({ LaunchType: 'FARGATE', DesiredCount: 1 });
    const task = resourceByIdPrefix(
      synthesized.templates.worker,
      'AWS::ECS::TaskDefinition',
      'WorkerTask',
    ) as Resource;
    expect(task.Properties).toMatchObject({
      RequiresCompatibilities: ['FARGATE'],
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
    });
  });

  it('rolls back a failing deployment and starts new tasks before stopping old ones', () => {
    expect(service().Properties.DeploymentConfiguration).toMatchObject({
      DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      MinimumHealthyPercent: 100,
      MaximumPercent: 200,
    });
    // Time to release the shard leases on SIGTERM, with an init process forwarding it.
    expect(container()).toMatchObject({
      StopTimeout: 30,
      LinuxParameters: { InitProcessEnabled: true },
    });
  });

  it('reaches WhatsApp outbound through a public IP, with no inbound rule and no NAT gateway', () => {
    expect(service().Properties.NetworkConfiguration).toMatchObject({
      AwsvpcConfiguration: { AssignPublicIp: 'ENABLED' },
    });
    const group = resourceByIdPrefix(
      synthesized.templates.worker,
      'AWS::EC2::SecurityGroup',
      'WorkerSecurityGroup',
    ) as Resource;
    expect(group.Properties.SecurityGroupIngress).toBeUndefined();
    expect(group.Properties.SecurityGroupEgress).toEqual([
      expect.objectContaining({ CidrIp: '0.0.0.0/0', IpProtocol: '-1' }),
    ]);
    synthesized.templates.worker.resourceCountIs('AWS::EC2::NatGateway', 0);
    synthesized.templates.worker.resourceCountIs('AWS::EC2::InternetGateway', 1);
    synthesized.templates.worker.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
    });
    synthesized.templates.worker.hasResourceProperties('AWS::EC2::FlowLog', {
      TrafficType: 'REJECT',
    });
  });

  it('enables Container Insights and ships container logs', () => {
    synthesized.templates.worker.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
    });
    expect(container().LogConfiguration).toMatchObject({
      LogDriver: 'awslogs',
      Options: { 'awslogs-group': { Ref: expect.stringMatching(/^WorkerLogs/) } },
    });
  });

  it('runs the image built from the repository Dockerfile with a read-only root file system', () => {
    expect(container()).toMatchObject({
      ReadonlyRootFilesystem: true,
      Image: { 'Fn::Sub': expect.stringContaining('container-assets') },
      MountPoints: [{ ContainerPath: '/tmp', ReadOnly: false, SourceVolume: 'tmp' }],
    });
    const manifest = JSON.parse(
      readFileSync(
        path.join(synthesized.app.outdir, `${synthesized.stacks.worker.artifactId}.assets.json`),
        'utf8',
      ),
    ) as {
      dockerImages: Record<
        string,
        { source: { directory: string; dockerFile: string; platform: string } }
      >;
    };
    const images = Object.values(manifest.dockerImages);
    expect(images).toHaveLength(1);
    const source = (images[0] as (typeof images)[number]).source;
    expect(source).toMatchObject({ dockerFile: 'Dockerfile', platform: 'linux/arm64' });
    // The build context holds what the image needs, and none of node_modules, cdk.out, .local.
    const context = readdirSync(path.join(synthesized.app.outdir, source.directory)).sort();
    expect(context).toEqual([
      '.dockerignore',
      'Dockerfile',
      'LICENSE',
      'docs',
      'functions',
      'package-lock.json',
      'package.json',
    ]);
  });

  it('configures the worker for Baileys with its tables, request, command and warm-up queues, reply prefix, freshness and heartbeat name', () => {
    const environment = Object.fromEntries(
      (container().Environment as { Name: string; Value: unknown }[]).map((entry) => [
        entry.Name,
        entry.Value,
      ]),
    );
    expect(environment).toEqual({
      CACHE_TABLE_NAME: { 'Fn::ImportValue': expect.stringMatching(/RefProfileCache/) },
      SESSIONS_TABLE_NAME: { 'Fn::ImportValue': expect.stringMatching(/RefSessions/) },
      REQUEST_QUEUE_URLS: { 'Fn::ImportValue': expect.stringMatching(/RefProfileRequestsShard0/) },
      SESSION_COMMAND_QUEUE_URLS: {
        'Fn::ImportValue': expect.stringMatching(/RefSessionCommandsShard0/),
      },
      REPLY_QUEUE_NAME_PREFIX: DEFAULT_REPLY_QUEUE_PREFIX,
      WARMUP_QUEUE_URL: {
        'Fn::ImportValue': expect.stringMatching(/RefProfileWarmups(?!Dlq)/),
      },
      CREDENTIALS_KEY: { 'Fn::ImportValue': expect.stringMatching(/CredentialsKey.*Arn/) },
      WA_BACKEND: 'baileys',
      EVENT_BUS_NAME: { 'Fn::ImportValue': expect.stringMatching(/SessionEventsBus/) },
      CACHE_FRESH_SECONDS: '86400',
      CACHE_MAX_STALE_SECONDS: '604800',
      AWS_REGION: { Ref: 'AWS::Region' },
      POWERTOOLS_SERVICE_NAME: 'WaContactProfile-Worker',
      POWERTOOLS_METRICS_NAMESPACE: WORKER_HEARTBEAT_METRIC.namespace,
    });
  });

  it('gives warm-ups the freshness the API serves as a HIT', () => {
    const { templates } = synthesizeApp({ 'waContactProfile:cacheFreshSeconds': 3600 });
    const task = resourceByIdPrefix(
      templates.worker,
      'AWS::ECS::TaskDefinition',
      'WorkerTask',
    ) as Resource;
    const worker = (task.Properties.ContainerDefinitions as { Environment: unknown[] }[])[0];
    expect(worker?.Environment).toContainEqual({ Name: 'CACHE_FRESH_SECONDS', Value: '3600' });
    for (const id of ['ProfileHttpFunction', 'ProfileDirectFunction']) {
      const profile = functionByIdPrefix(templates.api, id);
      expect(
        (profile.Properties.Environment as { Variables: Record<string, unknown> }).Variables
          .CACHE_FRESH_SECONDS,
      ).toBe('3600');
    }
  });

  it('names its task role as the credentials key policy expects', () => {
    const roles = synthesized.templates.worker.findResources('AWS::IAM::Role', {
      Properties: { RoleName: Match.anyValue() },
    });
    const named = Object.entries(roles).filter(([id]) => id.startsWith('WorkerTaskRole'));

    expect(named).toHaveLength(1);
    expect(JSON.stringify(named[0]?.[1])).toContain('WaContactProfile-worker-');
  });

  it('lets the task use its two tables, consume its request, command and warm-up queues, send requests to the request queues and replies under the prefix only', () => {
    // The recommended feature flag @aws-cdk/aws-iam:minimizePolicies merges statements with the
    // same actions and sorts actions.
    expect(policyStatementsOfRole(synthesized.templates.worker, 'WorkerTaskRole')).toEqual([
      {
        Action: [...WORKER_TABLE_ACTIONS].sort(),
        Effect: 'Allow',
        Resource: [importOf(/ProfileCache.*Arn/), importOf(/Sessions.*Arn/)],
      },
      {
        Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
        Effect: 'Allow',
        Resource: importOf(/DataKey.*Arn/),
      },
      {
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Condition: {
          StringEquals: { 'kms:EncryptionContext:purpose': 'wa-session-auth-state' },
          'ForAllValues:StringEquals': {
            'kms:EncryptionContextKeys': ['purpose', 'tenant', 'user'],
          },
          Null: { 'kms:EncryptionContext:tenant': 'false', 'kms:EncryptionContext:user': 'false' },
        },
        Effect: 'Allow',
        Resource: importOf(/CredentialsKey.*Arn/),
      },
      {
        Action: [...CONSUME_ACTIONS].sort(),
        Effect: 'Allow',
        Resource: [
          importOf(/ProfileRequestsShard0.*Arn/),
          importOf(/ProfileWarmups(?!Dlq).*Arn/),
          importOf(/SessionCommandsShard0.*Arn/),
        ],
      },
      {
        Action: 'sqs:SendMessage',
        Effect: 'Allow',
        Resource: [importOf(/ProfileRequestsShard0.*Arn/), REPLY_QUEUE_ARN],
      },
      {
        Action: 'events:PutEvents',
        Effect: 'Allow',
        Resource: importOf(/SessionEventsBus.*Arn/),
      },
    ]);
  });
});
