import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { WORKER_HEARTBEAT_METRIC } from '../../functions/resources/worker-heartbeat-metric.ts';
import {
  CREDENTIALS_KEY_USE_ACTIONS,
  credentialsKeyUseConditions,
} from '../constructs/credentials-key.ts';
import type { DeploymentSettings } from '../deployment-settings.ts';
import type { WorkerEnvironment } from '../function-environments.ts';
import { retentionDays } from '../log-retention.ts';
import { replyQueueWildcardFinding, wildcardResourceFinding } from '../nag-findings.ts';
import { REPO_ROOT } from '../repo-paths.ts';
import type { StatefulResources } from './stateful-stack.ts';

export interface WorkerStackProps extends StackProps {
  data: StatefulResources;
  settings: DeploymentSettings;
  replyQueueNamePrefix: string;
  /** The task role's name, which the credentials key's policy names. */
  workerRoleName: string;
}

/**
 * The session worker: an ECS Fargate service (ARM64) whose tasks hold the WhatsApp Web
 * sessions. They need outbound internet (WhatsApp's WebSocket) and nothing inbound, so they run
 * in public subnets with a public IP and a security group without ingress: no NAT gateway to
 * pay for while idle. DynamoDB traffic stays inside AWS through a (free) gateway endpoint.
 */
export class WorkerStack extends Stack {
  readonly service: ecs.FargateService;
  readonly cluster: ecs.Cluster;
  readonly logGroup: logs.LogGroup;
  /** The value of the heartbeat metric's `service` dimension (the alarm watches it). */
  readonly heartbeatServiceName: string;

  constructor(scope: Construct, id: string, props: WorkerStackProps) {
    super(scope, id, props);
    const { data, settings } = props;

    const flowLogs = new logs.LogGroup(this, 'VpcFlowLogs', {
      retention: retentionDays(settings.logRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }],
      gatewayEndpoints: { DynamoDb: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB } },
      flowLogs: {
        // Rejected traffic only: the tasks accept nothing inbound, so this is what matters.
        rejected: {
          trafficType: ec2.FlowLogTrafficType.REJECT,
          destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
        },
      },
    });
    const securityGroup = new ec2.SecurityGroup(this, 'WorkerSecurityGroup', {
      vpc,
      description: 'Session worker: outbound only (WhatsApp, AWS APIs); no inbound rule',
      allowAllOutbound: true,
    });

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });

    this.logGroup = new logs.LogGroup(this, 'WorkerLogs', {
      retention: retentionDays(settings.logRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Named, because the credentials key's policy (in the stateful stack) names it.
    const taskRole = new iam.Role(this, 'WorkerTaskRole', {
      roleName: props.workerRoleName,
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'The session worker: the one role that may open the WhatsApp credentials',
    });
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'WorkerTask', {
      taskRole,
      cpu: settings.workerCpu,
      memoryLimitMiB: settings.workerMemoryMiB,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.ARM64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    this.heartbeatServiceName = this.stackName;

    // Typed by the worker's config schema: a variable it does not read, or a missing required
    // one, does not compile. The request queue list's length is the shard count.
    const workerEnvironment: WorkerEnvironment = {
      CACHE_TABLE_NAME: data.profileCacheTable.tableName,
      SESSIONS_TABLE_NAME: data.sessionsTable.tableName,
      REQUEST_QUEUE_URLS: data.requestQueues.map((queue) => queue.queueUrl).join(','),
      SESSION_COMMAND_QUEUE_URLS: data.sessionCommandQueues
        .map((queue) => queue.queueUrl)
        .join(','),
      // A message's reply queue must be one of this deployment's (same prefix, same account).
      REPLY_QUEUE_NAME_PREFIX: props.replyQueueNamePrefix,
      WARMUP_QUEUE_URL: data.warmupQueue.queueUrl,
      CREDENTIALS_KEY: data.credentialsKey.keyArn,
      WA_BACKEND: 'baileys',
      EVENT_BUS_NAME: data.sessionEvents.bus.eventBusName,
      // Warm-ups skip contacts the API would still serve as a HIT: the same freshness.
      CACHE_FRESH_SECONDS: String(settings.cacheFreshSeconds),
      CACHE_MAX_STALE_SECONDS: String(settings.cacheMaxStaleSeconds),
      AWS_REGION: this.region,
      POWERTOOLS_SERVICE_NAME: this.heartbeatServiceName,
      POWERTOOLS_METRICS_NAMESPACE: WORKER_HEARTBEAT_METRIC.namespace,
    };
    const container = taskDefinition.addContainer('worker', {
      image: ecs.ContainerImage.fromAsset(REPO_ROOT, {
        file: 'Dockerfile',
        platform: Platform.LINUX_ARM64,
      }),
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'worker',
        logGroup: this.logGroup,
        mode: ecs.AwsLogDriverMode.NON_BLOCKING,
      }),
      readonlyRootFilesystem: true,
      // Node as PID 1 does not reap children; tini forwards SIGTERM to the worker.
      linuxParameters: new ecs.LinuxParameters(this, 'WorkerLinuxParameters', {
        initProcessEnabled: true,
      }),
      // Time to finish in-flight lookups, release the shard leases and close the sessions.
      stopTimeout: Duration.seconds(30),
      environment: workerEnvironment,
    });
    // A writable scratch directory; the rest of the file system is read-only.
    taskDefinition.addVolume({ name: 'tmp' });
    container.addMountPoints({ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false });

    this.service = new ecs.FargateService(this, 'WorkerService', {
      cluster: this.cluster,
      taskDefinition,
      desiredCount: settings.workerTaskCount,
      assignPublicIp: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroups: [securityGroup],
      circuitBreaker: { enable: true, rollback: true },
      // Start the new tasks before stopping the old ones. A shard is served by whoever holds
      // its lease: new tasks wait for free leases, an old task releases its leases on SIGTERM
      // (or they expire), and the new ones take them over. No two tasks ever serve one shard.
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      enableExecuteCommand: false,
    });

    grantWorkerAccess(
      taskDefinition.taskRole,
      data,
      this.formatArn({
        service: 'sqs',
        resource: `${props.replyQueueNamePrefix}*`,
      }),
    );

    Validations.of(taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason:
        'The environment holds resource names, queue URLs and tuning values only; no secret is passed to the container.',
    });
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
      Validations.of(taskDefinition.taskRole).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason:
          'kms:GenerateDataKey* and kms:ReEncrypt* come from the encrypt/decrypt grant DynamoDB needs to read and write items in tables encrypted with the customer-managed data key; the statement is scoped to that one key.',
      });
    }
    Validations.of(taskDefinition.obtainExecutionRole()).acknowledge({
      id: wildcardResourceFinding('*'),
      reason:
        'The execution role pulls the worker image: ecr:GetAuthorizationToken supports no resource-level permission ("*" is its only resource).',
    });
    Validations.of(taskRole).acknowledge({
      id: replyQueueWildcardFinding(props.replyQueueNamePrefix),
      reason:
        'Reply queues are created at run time by the profile function under this deployment name prefix; the worker may only send replies to queues under it.',
    });
  }
}

/** Item operations the worker performs (shard leases, Baileys auth state, cache writes). */
export const WORKER_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/**
 * Least privilege for the task: the cache and sessions tables (their actions also cover pairing
 * and logout: the pairing attempt item's UpdateItem, a logout's key-only Query and
 * BatchWriteItem deletes of the session's cache partition); consuming its request queues, its
 * session-command queues (never sending to them: only the session function sends commands)
 * and the warm-up queue; sending warm-up contacts as requests to their session's shard queue;
 * sending replies under the reply prefix.
 */
function grantWorkerAccess(
  taskRole: iam.IRole,
  data: StatefulResources,
  replyQueueArn: string,
): void {
  taskRole.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [...WORKER_TABLE_ACTIONS],
      resources: [data.profileCacheTable.tableArn, data.sessionsTable.tableArn],
    }),
  );
  data.dataKey.grantEncryptDecrypt(taskRole);
  // The credentials key's policy also requires this role and the session context.
  taskRole.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [...CREDENTIALS_KEY_USE_ACTIONS],
      resources: [data.credentialsKey.keyArn],
      conditions: credentialsKeyUseConditions(),
    }),
  );
  for (const queue of [...data.requestQueues, ...data.sessionCommandQueues]) {
    queue.grantConsumeMessages(taskRole);
  }
  data.warmupQueue.grantConsumeMessages(taskRole);
  taskRole.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['sqs:SendMessage'],
      resources: data.requestQueues.map((queue) => queue.queueArn),
    }),
  );
  taskRole.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [replyQueueArn] }),
  );
  // Status changes (paired, connecting, logged out from the phone) are session.status events.
  data.sessionEvents.grantPublish(taskRole);
}
