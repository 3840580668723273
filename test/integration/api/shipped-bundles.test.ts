import { type ChildProcess, execFile, fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbTokenStore } from '../../../functions/adapters/dynamodb-token-store.ts';
import { createApiToken } from '../../../functions/cli/api-token-commands.ts';
import {
  requestQueueId,
  sessionCommandQueueId,
} from '../../../functions/resources/queue-definitions.ts';
import {
  PROFILE_CACHE_TABLE,
  SESSIONS_TABLE,
  TOKENS_TABLE,
  WEBHOOKS_TABLE,
} from '../../../functions/resources/table-definitions.ts';

import { buildWaContactProfileApp } from '../../../infra/build-app.ts';
import { REPO_ROOT } from '../../../infra/repo-paths.ts';
import { type EmbeddedAws, startEmbeddedAws } from '../../support/aws/embedded-aws.ts';
import {
  allowedContext,
  authorizerEvent,
  proxyEvent,
} from '../../support/lambda/api-gateway-events.ts';
import { TEST_CREDENTIALS_KEY } from '../../support/whatsapp/test-credential-cipher.ts';

/**
 * What ships is what works: the app is synthesized with its real esbuild bundles, and each
 * Lambda asset in the cloud assembly runs in its own Node process with exactly the environment
 * its template gives it (CloudFormation references resolved to the embedded stack's tables and
 * queues), against dynalite and fauxqs. The worker starts as the Dockerfile's CMD starts it.
 */

/** The properties of the resources this test reads (functions and the worker's task). */
type CfnProperties = {
  Environment: { Variables: Record<string, unknown> };
  Code: { S3Key: string };
  Handler: string;
  ContainerDefinitions: { Environment: { Name: string; Value: unknown }[] }[];
};

/** The CloudFormation values a template puts into an environment variable. */
type CfnValue = {
  Ref?: string;
  'Fn::Join'?: [string, unknown[]];
  'Fn::ImportValue'?: string;
  'Fn::GetAtt'?: [string, string];
};

type Template = {
  Resources: Record<string, { Type: string; Properties: CfnProperties; Metadata?: unknown }>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: string } }>;
};

const REGION = 'us-east-1';

function readDockerfileCommand(): string[] {
  const dockerfile = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
  const cmd = dockerfile.match(/^CMD (\[.*\])$/m)?.[1];
  if (!cmd) throw new Error('the Dockerfile has no exec-form CMD');
  return JSON.parse(cmd) as string[];
}

describe('the synthesized app, run as it ships, against the embedded stack', () => {
  let assembly: CloudAssembly;
  let templates: Record<'data' | 'api' | 'worker', Template>;
  let aws: EmbeddedAws;
  let worker: ChildProcess | undefined;
  let token: string;

  /** The embedded stack's name or URL for a resource of the Data stack, by logical id. */
  function localValueOf(logicalId: string): string {
    const { resources } = aws;
    const candidates: [string, string][] = [
      [TOKENS_TABLE.id, resources.tokensTableName],
      [PROFILE_CACHE_TABLE.id, resources.cacheTableName],
      [SESSIONS_TABLE.id, resources.sessionsTableName],
      ...resources.requestQueueUrls.map((url, shard): [string, string] => [
        requestQueueId(shard),
        url,
      ]),
      ...resources.sessionCommandQueueUrls.map((url, shard): [string, string] => [
        sessionCommandQueueId(shard),
        url,
      ]),
      ['ProfileWarmupsDlq', resources.warmupDeadLetterQueueUrl],
      ['ProfileRequestsDlq', resources.deadLetterQueueUrl],
      ['ProfileWarmups', resources.warmupQueueUrl],
      [WEBHOOKS_TABLE.id, resources.webhooksTableName],
      ['SessionEventsWebhookDeliveriesDlq', resources.webhookDeadLetterQueueUrl],
      ['SessionEventsWebhookDeliveries', resources.webhookDeliveryQueueUrl],
      // No bus and no KMS locally: names that nothing here sends to (no status changes, no
      // webhook secrets are opened in these tests).
      ['SessionEventsBus', 'shipped-bundles-bus'],
      ['SessionEventsWebhookSecretKey', `arn:aws:kms:${REGION}:000000000000:key/shipped-bundles`],
    ];
    const match = candidates
      .sort(([a], [b]) => b.length - a.length)
      .find(([id]) => logicalId.startsWith(id));
    if (!match) throw new Error(`no embedded resource for ${logicalId}`);
    return match[1];
  }

  /** Resolves the CloudFormation a template puts into an environment variable. */
  function resolve(value: unknown): string {
    if (typeof value === 'string') return value;
    const node = value as CfnValue;
    if (node.Ref === 'AWS::Region') return REGION;
    if (node['Fn::Join']) {
      const [separator, parts] = node['Fn::Join'];
      return parts.map(resolve).join(separator);
    }
    if (node['Fn::ImportValue']) {
      const output = Object.values(templates.data.Outputs ?? {}).find(
        (candidate) => candidate.Export?.Name === node['Fn::ImportValue'],
      );
      if (!output) throw new Error(`no export ${node['Fn::ImportValue']}`);
      const exported = output.Value as CfnValue;
      const logicalId = exported.Ref ?? exported['Fn::GetAtt']?.[0];
      const attribute = exported['Fn::GetAtt']?.[1];
      const keyArn = attribute === 'Arn' && logicalId?.startsWith('SessionEventsWebhookSecretKey');
      if (attribute && attribute !== 'QueueUrl' && !keyArn) {
        throw new Error(`unexpected ${attribute}`);
      }
      if (!logicalId) throw new Error(`no logical id in ${JSON.stringify(exported)}`);
      return localValueOf(logicalId);
    }
    throw new Error(`cannot resolve ${JSON.stringify(value)}`);
  }

  function functionOf(idPrefix: string) {
    const [logicalId, resource] =
      Object.entries(templates.api.Resources).find(
        ([id, candidate]) => candidate.Type === 'AWS::Lambda::Function' && id.startsWith(idPrefix),
      ) ?? [];
    if (!logicalId || !resource) throw new Error(`no function ${idPrefix}`);
    const environment = resource.Properties.Environment.Variables as Record<string, unknown>;
    // The asset staged in the cloud assembly is the zip's content; `Handler` names its module.
    const s3Key = resource.Properties.Code.S3Key as string;
    const assetDirectory = path.join(assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`);
    const moduleName = (resource.Properties.Handler as string).split('.')[0] as string;
    const bundle = ['.js', '.mjs', '.cjs']
      .map((extension) => path.join(assetDirectory, `${moduleName}${extension}`))
      .find((file) => existsSync(file));
    if (!bundle) throw new Error(`no ${moduleName} module in ${assetDirectory}`);
    const exportName = (resource.Properties.Handler as string).split('.')[1] as string;
    return { environment, bundle, exportName };
  }

  function embeddedAwsEnvironment(): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: REGION,
      AWS_ENDPOINT_URL_DYNAMODB: aws.endpoints.dynamoDbEndpoint,
      AWS_ENDPOINT_URL_SQS: aws.endpoints.sqsEndpoint,
      POWERTOOLS_METRICS_DISABLED: 'true',
    };
  }

  async function invoke<Answer>(idPrefix: string, event: unknown): Promise<Answer> {
    const fn = functionOf(idPrefix);
    const environment = {
      ...Object.fromEntries(
        Object.entries(fn.environment).map(([name, value]) => [name, resolve(value)]),
      ),
      ...embeddedAwsEnvironment(),
    };
    const output = await new Promise<string>((done, fail) => {
      const child = execFile(
        process.execPath,
        [
          path.join(REPO_ROOT, 'test/support/lambda/run-lambda-bundle.ts'),
          fn.bundle,
          fn.exportName,
        ],
        { env: environment, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) =>
          error ? fail(new Error(`${error.message}\n${stderr}`)) : done(stdout),
      );
      child.stdin?.end(JSON.stringify(event));
    });
    const last = output.trim().split('\n').at(-1) ?? '';
    return (JSON.parse(last) as { result: Answer }).result;
  }

  beforeAll(async () => {
    const cdkJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8'));
    const app = new App({
      outdir: mkdtempSync(path.join(tmpdir(), 'cdk-shipped-')),
      context: cdkJson.context,
    });
    const stacks = buildWaContactProfileApp(app);
    assembly = app.synth();
    const template = (name: string) => assembly.getStackByName(name).template as Template;
    templates = {
      data: template(stacks.data.stackName),
      api: template(stacks.api.stackName),
      worker: template(stacks.worker.stackName),
    };

    aws = await startEmbeddedAws();
    const tokens = new DynamoDbTokenStore({
      client: aws.dynamoDb,
      tableName: aws.resources.tokensTableName,
    });
    ({ token } = await createApiToken(tokens, { tenantId: 'acme', userId: 'alice' }));

    // The worker as the container starts it: the Dockerfile's CMD, the task's environment.
    const [command, ...args] = readDockerfileCommand();
    expect(command).toBe('node');
    const container = templates.worker.Resources[
      Object.keys(templates.worker.Resources).find(
        (id) => templates.worker.Resources[id]?.Type === 'AWS::ECS::TaskDefinition',
      ) as string
    ]?.Properties.ContainerDefinitions[0] as { Environment: { Name: string; Value: unknown }[] };
    const nodeOptions = args.filter((arg) => arg.startsWith('--'));
    const entry = args.find((arg) => !arg.startsWith('--')) as string;
    worker = fork(path.join(REPO_ROOT, entry), [], {
      cwd: REPO_ROOT,
      execArgv: nodeOptions,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: {
        ...Object.fromEntries(
          container.Environment.filter(({ Name }) => Name !== 'CREDENTIALS_KEY').map(
            ({ Name, Value }) => [Name, resolve(Value)],
          ),
        ),
        ...embeddedAwsEnvironment(),
        // KMS cannot be reached from a test: the same cipher with a local key instead.
        CREDENTIALS_KEY: TEST_CREDENTIALS_KEY,
        // WhatsApp cannot be reached from a test: the offline directory answers instead.
        WA_BACKEND: 'offline',
      },
    });
    await new Promise<void>((ready, fail) => {
      worker?.once('message', () => ready());
      worker?.once('exit', (code) => fail(new Error(`the worker exited with ${code}`)));
    });
  }, 300_000);

  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((done) => worker?.once('exit', done));
      worker.kill('SIGTERM');
      await exited;
    }
    await aws?.stop();
  });

  it('the authorizer bundle allows a live token and denies an unknown one', async () => {
    type AuthorizerAnswer = {
      policyDocument: { Statement: { Effect: string }[] };
      context?: Record<string, string>;
    };
    const allowed = await invoke<AuthorizerAnswer>(
      'AuthorizerFunction',
      authorizerEvent({ headers: { Authorization: `Bearer ${token}` } }),
    );
    const denied = await invoke<AuthorizerAnswer>(
      'AuthorizerFunction',
      authorizerEvent({
        headers: { Authorization: 'Bearer 1b4e28ba-2fa1-41d2-883f-0016d3cca427' },
      }),
    );

    expect(allowed.policyDocument.Statement[0]?.Effect).toBe('Allow');
    expect(allowed.context).toMatchObject({ tenantId: 'acme', userId: 'alice' });
    expect(denied.policyDocument.Statement[0]?.Effect).toBe('Deny');
  });

  it('the HTTP profile bundle answers a live lookup through the worker, then from the cache', async () => {
    const profileEvent = proxyEvent({
      query: { jid: '5511999999999@s.whatsapp.net' },
      authorizer: allowedContext({ tenantId: 'acme', userId: 'alice' }),
    });
    type HttpAnswer = { statusCode: number; headers: Record<string, string>; body: string };
    const live = await invoke<HttpAnswer>('ProfileHttpFunction', profileEvent);
    const cached = await invoke<HttpAnswer>('ProfileHttpFunction', profileEvent);

    expect(live.statusCode).toBe(200);
    expect(live.headers['X-Cache']).toBe('MISS');
    expect(JSON.parse(live.body).data.jid).toBe('5511999999999@s.whatsapp.net');
    expect(cached.statusCode).toBe(200);
    expect(cached.headers['X-Cache']).toBe('HIT');
    expect(cached.body).toBe(live.body);
  });

  it('the direct profile bundle answers a known user and refuses an unknown one', async () => {
    const known = await invoke('ProfileDirectFunction', {
      tenantId: 'acme',
      userId: 'alice',
      number: '+14155550123',
    });
    const unknown = await invoke('ProfileDirectFunction', {
      tenantId: 'acme',
      userId: 'mallory',
      number: '+14155550123',
    });

    expect(known).toMatchObject({ success: true, data: { jid: '14155550123@s.whatsapp.net' } });
    expect(unknown).toMatchObject({ success: false, error_code: 'UNAUTHORIZED' });
  });

  it('the admin bundle lists the tenant tokens for an admin token and refuses a user token', async () => {
    type HttpAnswer = { statusCode: number; body: string };
    const asRole = (role: string) =>
      proxyEvent({
        resourcePath: '/admin/tokens',
        authorizer: { ...allowedContext({ tenantId: 'acme', userId: 'boss' }), role },
      });
    const admin = await invoke<HttpAnswer>('AdminHttpFunction', asRole('admin'));
    const user = await invoke<HttpAnswer>('AdminHttpFunction', asRole('user'));

    expect(admin.statusCode).toBe(200);
    expect(JSON.parse(admin.body).data).toEqual([expect.objectContaining({ user: 'alice' })]);
    expect(admin.body).not.toContain(token);
    expect(user.statusCode).toBe(403);
  });

  it('the webhook delivery bundle reads its SQS batch and skips a tenant without a webhook', async () => {
    const event = {
      id: 'shipped-1',
      'detail-type': 'session.status',
      source: 'wa-contact-profile',
      time: '2026-12-08T00:00:00Z',
      detail: { tenant: 'acme', user: 'alice', status: 'pairing', previous_status: 'unpaired' },
    };
    const result = await invoke('WebhookDeliveryFunction', {
      Records: [
        {
          messageId: 'm-1',
          receiptHandle: 'r-1',
          body: JSON.stringify(event),
          attributes: { ApproximateReceiveCount: '1' },
        },
      ],
    });

    expect(result).toEqual({ batchItemFailures: [] });
  });

  it('the sweeper bundle runs and examines the reply queues under its prefix', async () => {
    const result = await invoke<{ deleted: string[]; examined: number }>(
      'ReplyQueueSweeperFunction',
      { 'detail-type': 'Scheduled Event' },
    );

    expect(result.deleted).toEqual([]);
    expect(result.examined).toBeGreaterThanOrEqual(1);
  });
});
