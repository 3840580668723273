import { type ChildProcess, spawn } from 'node:child_process';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { readAdminConfig } from '../admin-api/admin-config.ts';
import { wireAdminHttpHandler } from '../admin-api/create-admin-http-handler.ts';
import { readAuthorizerConfig } from '../authorizer/authorizer-config.ts';
import { wireAuthorizerHandler } from '../authorizer/wire-authorizer-handler.ts';
import { createConsoleHandler } from '../console/create-console-handler.ts';
import { readContactsDirectConfig, readContactsHttpConfig } from '../contacts/contacts-config.ts';
import { wireContactsDirectHandler, wireContactsHttpHandler } from '../contacts/wire-contacts.ts';
import { type AwsClients, createDynamoDbClient, createSqsClient } from '../platform/aws-clients.ts';
import { createLogger } from '../platform/logger.ts';
import type { TenantUsagePlan } from '../resources/tenant-usage-plan.ts';
import { readSessionConfig } from '../session-api/session-config.ts';
import { wireSessionHttpHandler } from '../session-api/wire-session-http-handler.ts';
import { wireWebhookDeliveryHandler } from '../webhook-delivery/create-webhook-delivery-handler.ts';
import { readWebhookDeliveryConfig } from '../webhook-delivery/webhook-delivery-config.ts';
import { type EmbeddedServices, startEmbeddedServices } from './embedded-services.ts';
import { localLambdaContext } from './lambda-context.ts';
import { localCredentialsKey, localWebhookSecretKey } from './local-credentials-key.ts';
import { type LocalGateway, startLocalGateway } from './local-gateway.ts';
import { startLocalQueuePoller } from './local-queue-poller.ts';
import {
  type LocalResources,
  localEnvironment,
  provisionLocalResources,
} from './provision-local-resources.ts';
import { WorkerSupervisor } from './worker-supervisor.ts';

export interface LocalStackOptions {
  /** Gateway port; 0 picks a free one. */
  port: number;
  /** Folder that persists DynamoDB between runs; in memory when absent. */
  dynamoDbPath?: string;
  shardCount?: number;
  /** Extra environment for the handlers and the worker (e.g. WA_DIRECTORY_FILE). */
  environment?: Record<string, string>;
  /** Where the worker's output goes: inherited (npm start) or ignored (tests). */
  workerOutput?: 'inherit' | 'ignore';
  /**
   * The worker's entry module; functions/worker/main.ts unless a test runs it through a wrapper
   * (e.g. one that trusts the test WhatsApp server's certificate root first).
   */
  workerEntry?: string;
  /**
   * Start the worker again when it dies, with backoff, as ECS does (`npm start`); off, a dead
   * worker stays dead, for tests of what a crash alone does. Either way its exit is logged.
   */
  restartWorker?: boolean;
  /** Where the worker's exit and restart lines go; standard error unless given. */
  log?: (message: string) => void;
  /** Each tenant's throttle and quota at the local gateway; the CDK defaults unless given. */
  usagePlan?: TenantUsagePlan;
}

export interface LocalStack {
  url: string;
  endpoints: { dynamoDbEndpoint: string; sqsEndpoint: string };
  resources: LocalResources;
  environment: Record<string, string>;
  dynamoDb: DynamoDBClient;
  sqs: SQSClient;
  /** Invokes the contacts direct function, as the Lambda Invoke API or Step Functions do. */
  invokeProfile(event: unknown): Promise<unknown>;
  startWorker(extraEnvironment?: Record<string, string>): Promise<void>;
  stopWorker(): Promise<void>;
  /** Process id of the running worker (for memory readings and crash tests); undefined when stopped. */
  readonly workerPid: number | undefined;
  stop(): Promise<void>;
}

const WORKER_MAIN = new URL('../worker/main.ts', import.meta.url).pathname;
const WORKER_READY_TIMEOUT_MS = 15_000;
/** The contacts direct function's timeout on AWS. */
const DIRECT_INVOCATION_TIMEOUT_MS = 30_000;

/**
 * The whole product on one machine: embedded DynamoDB and SQS, the tables and queues of the
 * shared definitions, the session worker as a child process, and the local gateway running the
 * real authorizer and HTTP functions in this process, built by their factories from the same
 * configuration parsing a Lambda cold start does (this process's environment stays as it was).
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const services: EmbeddedServices = await startEmbeddedServices({
    ...(options.dynamoDbPath ? { dynamoDbPath: options.dynamoDbPath } : {}),
  });
  const clientConfig = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const connections = {
    dynamoDb: { ...clientConfig, endpoint: services.dynamoDbEndpoint },
    sqs: { ...clientConfig, endpoint: services.sqsEndpoint },
  };
  const dynamoDb = new DynamoDBClient(connections.dynamoDb);
  const sqs = new SQSClient({ ...connections.sqs, useQueueUrlAsEndpoint: false });
  const resources = await provisionLocalResources(dynamoDb, sqs, {
    shardCount: options.shardCount ?? 1,
  });
  const environment = {
    ...localEnvironment(resources, services),
    WA_BACKEND: 'auto',
    CREDENTIALS_KEY:
      options.environment?.CREDENTIALS_KEY ?? (await localCredentialsKey(options.dynamoDbPath)),
    // Heartbeat metrics matter on AWS only; locally they would be console noise.
    POWERTOOLS_METRICS_DISABLED: 'true',
    // Seals webhook secrets as KMS does on AWS, kept beside the data like the credentials key.
    LOCAL_SECRET_KEY:
      options.environment?.LOCAL_SECRET_KEY ?? (await localWebhookSecretKey(options.dynamoDbPath)),
    ...options.environment,
  };
  // Each function parses the same variables a Lambda reads at cold start, and gets SDK clients
  // configured as its handler module makes them, pointed at the embedded services.
  const functionEnvironment = { ...process.env, ...environment };
  const functionClients: AwsClients = {
    dynamoDb: createDynamoDbClient(connections.dynamoDb),
    sqs: createSqsClient(connections.sqs),
  };
  const authorizer = wireAuthorizerHandler(
    readAuthorizerConfig(functionEnvironment),
    functionClients,
  );
  const profileHttp = wireContactsHttpHandler(
    readContactsHttpConfig(functionEnvironment),
    functionClients,
  );
  const sessionHttp = wireSessionHttpHandler(
    readSessionConfig(functionEnvironment),
    functionClients,
  );
  const adminHttp = wireAdminHttpHandler(readAdminConfig(functionEnvironment), functionClients);
  // The delivery function fed by the delivery queue, as Lambda's event source mapping feeds it.
  const webhookDelivery = startLocalQueuePoller({
    sqs: functionClients.sqs,
    queueUrl: resources.webhookDeliveryQueueUrl,
    queueArn: resources.webhookDeliveryQueueArn,
    handler: wireWebhookDeliveryHandler(
      readWebhookDeliveryConfig(functionEnvironment),
      functionClients,
    ),
  });
  const profileDirect = wireContactsDirectHandler(
    readContactsDirectConfig(functionEnvironment),
    functionClients,
  );

  // The console is built from its sources on its first request (esbuild, about a second), so
  // stacks that never serve it never build it.
  const consoleHttp = createConsoleHandler({
    loadAssets: async () =>
      (await import('../console/build-console-assets.ts')).consoleAssetsFromSources(),
    logger: createLogger('console'),
  });

  let workerEnvironment: Record<string, string> = {};
  const supervisor = new WorkerSupervisor({
    start: async () => {
      const child = spawn(process.execPath, [options.workerEntry ?? WORKER_MAIN], {
        env: { ...process.env, ...environment, ...workerEnvironment },
        stdio: [
          'ignore',
          options.workerOutput ?? 'inherit',
          options.workerOutput ?? 'inherit',
          'ipc',
        ],
      });
      await waitForWorkerReady(child);
      return child;
    },
    restart: options.restartWorker ?? false,
    log: options.log ?? ((message) => console.error(message)),
  });
  const startWorker = async (extraEnvironment: Record<string, string> = {}) => {
    workerEnvironment = extraEnvironment;
    await supervisor.start();
  };
  const stopWorker = () => supervisor.stop();

  let gateway: LocalGateway | undefined;
  try {
    await startWorker();
    gateway = await startLocalGateway({
      authorizer,
      functions: {
        contacts: profileHttp,
        session: sessionHttp,
        console: consoleHttp,
        admin: adminHttp,
      },
      port: options.port,
      ...(options.usagePlan ? { usagePlan: options.usagePlan } : {}),
    });
  } catch (error) {
    await stopWorker();
    await webhookDelivery.stop();
    functionClients.dynamoDb.destroy();
    functionClients.sqs.destroy();
    await services.stop();
    throw error;
  }
  const runningGateway = gateway;
  return {
    url: runningGateway.url,
    endpoints: services,
    resources,
    environment,
    dynamoDb,
    sqs,
    invokeProfile: (event) =>
      profileDirect(event, localLambdaContext('profile-direct', DIRECT_INVOCATION_TIMEOUT_MS)),
    startWorker,
    stopWorker,
    get workerPid() {
      return supervisor.pid;
    },
    async stop() {
      await runningGateway.close();
      await stopWorker();
      await webhookDelivery.stop();
      dynamoDb.destroy();
      sqs.destroy();
      functionClients.dynamoDb.destroy();
      functionClients.sqs.destroy();
      await services.stop();
    },
  };
}

/** Resolves once the worker reports ready over IPC; rejects if it exits or hangs first. */
async function waitForWorkerReady(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the worker did not start in time'));
    }, WORKER_READY_TIMEOUT_MS);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited during start-up (code ${code})`));
    };
    child.once('exit', onExit);
    child.once('message', () => {
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve();
    });
  });
}
