import path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { INLINE_FUNCTION_CODE_CONTEXT } from '../deployment-settings.ts';
import type { FunctionEntry, FunctionEnvironments } from '../function-environments.ts';
import { REPO_ROOT } from '../repo-paths.ts';
import {
  SERVICE_FUNCTION_BUNDLING,
  SERVICE_FUNCTION_ENVIRONMENT,
} from './service-function-bundling.ts';

const OUTPUT_FORMAT = { cjs: OutputFormat.CJS, esm: OutputFormat.ESM } as const;
const SOURCE_MAP_MODE = { external: SourceMapMode.EXTERNAL } as const;

export interface ServiceFunctionProps<Entry extends FunctionEntry> {
  /** The handler module, relative to the repository root (e.g. `functions/authorizer/handler.ts`). */
  entry: Entry;
  description: string;
  /**
   * Configuration, typed by the entry's own zod schema (see function-environments.ts) and
   * validated by it again at cold start.
   */
  environment: FunctionEnvironments[Entry];
  memorySize?: number;
  timeout?: Duration;
  logRetention: logs.RetentionDays;
  /** Shell commands run after esbuild, given the bundle's folder (files the handler reads). */
  afterBundling?: (outputDir: string) => string[];
}

/**
 * Our Lambda defaults in one place: Node 24 on ARM64, an esbuild CommonJS bundle (minified, source
 * maps), X-Ray tracing, a log group with retention, and a role that starts with nothing but
 * writing to that log group, so every other permission is an explicit grant at the call site.
 */
export class ServiceFunction<Entry extends FunctionEntry> extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps<Entry>) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      // Logs are not the record of anything; a torn-down stack leaves no orphaned groups.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.description}`,
    });
    this.logGroup.grantWrite(this.role);
    // Active tracing needs these two actions, which support no resource-level permission. They
    // sit in a policy of their own so that the IAM5 acknowledgement below covers exactly them
    // and would never hide a future "*" grant in the role's other policies.
    const tracingPolicy = new iam.Policy(this, 'TracingPolicy', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      ],
    });

    const common = {
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      // Lambda adds its tracing grant to a mutable role's default policy; the tracing policy
      // above already holds it.
      role: this.role.withoutPolicyUpdates(),
      logGroup: this.logGroup,
      environment: { ...SERVICE_FUNCTION_ENVIRONMENT, ...definedValues(props.environment) },
    } satisfies Partial<lambda.FunctionProps>;

    this.function = inlineFunctionCode(this)
      ? new lambda.Function(this, 'Function', {
          ...common,
          handler: 'index.handler',
          code: lambda.Code.fromInline('export const handler = async () => undefined;'),
        })
      : new NodejsFunction(this, 'Function', {
          ...common,
          entry: path.join(REPO_ROOT, props.entry),
          handler: 'handler',
          projectRoot: REPO_ROOT,
          depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
          bundling: {
            // The locally installed esbuild; no Docker engine is needed (or available).
            forceDockerBundling: false,
            format: OUTPUT_FORMAT[SERVICE_FUNCTION_BUNDLING.format],
            target: SERVICE_FUNCTION_BUNDLING.target,
            minify: SERVICE_FUNCTION_BUNDLING.minify,
            sourceMap: true,
            sourceMapMode: SOURCE_MAP_MODE[SERVICE_FUNCTION_BUNDLING.sourceMap],
            mainFields: [...SERVICE_FUNCTION_BUNDLING.mainFields],
            externalModules: [...SERVICE_FUNCTION_BUNDLING.externalModules],
            esbuildArgs: Object.fromEntries(
              Object.entries(SERVICE_FUNCTION_BUNDLING.alias).map(([module, replacement]) => [
                `--alias:${module}`,
                path.join(REPO_ROOT, replacement),
              ]),
            ),
            ...(props.afterBundling
              ? { commandHooks: afterBundlingHooks(props.afterBundling) }
              : {}),
          },
        });

    // The function must not run before its role can write logs and traces.
    this.function.node.addDependency(this.role, tracingPolicy);
    Validations.of(tracingPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing grants xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions ("*" is their only valid resource).',
    });
  }
}

function afterBundlingHooks(afterBundling: (outputDir: string) => string[]) {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir: string, outputDir: string) => afterBundling(outputDir),
  };
}

/** Optional variables left out are not set at all (the schema's default applies). */
function definedValues(environment: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
}

function inlineFunctionCode(scope: Construct): boolean {
  const value = scope.node.tryGetContext(INLINE_FUNCTION_CODE_CONTEXT);
  return value === true || value === 'true';
}
