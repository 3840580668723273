import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { readAuthorizerConfig } from '../authorizer/authorizer-config.ts';
import { wireAuthorizerHandler } from '../authorizer/wire-authorizer-handler.ts';
import { readContactsDirectConfig, readContactsHttpConfig } from '../contacts/contacts-config.ts';
import { wireContactsDirectHandler, wireContactsHttpHandler } from '../contacts/wire-contacts.ts';
import { type AwsClients, createDynamoDbClient, createSqsClient } from '../platform/aws-clients.ts';
import type { TenantUsagePlan } from '../resources/tenant-usage-plan.ts';
import { readSessionConfig } from '../session-api/session-config.ts';
import { wireSessionHttpHandler } from '../session-api/wire-session-http-handler.ts';
import { type EmbeddedServices, startEmbeddedServices } from './embedded-services.ts';
import { localLambdaContext } from './lambda-context.ts';
import { localCredentialsKey } from './local-credentials-key.ts';
import { type LocalGateway, startLocalGateway } from './local-gateway.ts';
import {
  type LocalResources,
  localEnvironment,
  provisionLocalResources,
} from './provision-local-resources.ts';

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
  const profileDirect = wireContactsDirectHandler(
    readContactsDirectConfig(functionEnvironment),
    functionClients,
  );

  let worker: ChildProcess | undefined;
  const startWorker = async (extraEnvironment: Record<string, string> = {}) => {
    if (worker) return;
    const child = spawn(process.execPath, [options.workerEntry ?? WORKER_MAIN], {
      env: { ...process.env, ...environment, ...extraEnvironment },
      stdio: [
        'ignore',
        options.workerOutput ?? 'inherit',
        options.workerOutput ?? 'inherit',
        'ipc',
      ],
    });
    worker = child;
    await waitForWorkerReady(child);
  };
  const stopWorker = async () => {
    const child = worker;
    worker = undefined;
    // A worker that already exited (or was killed by a signal) has nothing left to stop.
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };

  let gateway: LocalGateway | undefined;
  try {
    await startWorker();
    gateway = await startLocalGateway({
      authorizer,
      functions: { contacts: profileHttp, session: sessionHttp },
      port: options.port,
      ...(options.usagePlan ? { usagePlan: options.usagePlan } : {}),
    });
  } catch (error) {
    await stopWorker();
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
      const running = worker && worker.exitCode === null && worker.signalCode === null;
      return running ? worker?.pid : undefined;
    },
    async stop() {
      await runningGateway.close();
      await stopWorker();
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
