import {
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import type { DeploymentSettings } from '../deployment-settings.ts';
import { retentionDays } from '../log-retention.ts';
import { wildcardResourceFinding } from '../nag-findings.ts';

export interface ExamplesStackProps extends StackProps {
  settings: DeploymentSettings;
  profileFunction: lambda.IFunction;
  /** The API stack's grant (exactly lambda:InvokeFunction on the profile function). */
  grantProfileLookup: (grantee: iam.IGrantable) => iam.Grant;
}

/** Actions Step Functions needs to deliver execution logs; none supports a resource ARN. */
export const STATE_MACHINE_LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
] as const;

/** Actions Step Functions needs to send X-Ray traces; none supports a resource ARN. */
export const STATE_MACHINE_TRACING_ACTIONS = [
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
] as const;

/**
 * How another AWS service calls the product, deployable (`-c waContactProfile:examples=true`,
 * off by default): a lead-enrichment state machine that looks up the lead's WhatsApp profile
 * through the optimized Lambda integration and branches on the body's `success`.
 */
export class ExamplesStack extends Stack {
  readonly leadEnrichment: sfn.StateMachine;
  readonly leadEnrichmentRole: iam.Role;
  /** Enriches a list of contacts with ONE task (the direct function's batch event). */
  readonly listEnrichment: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: ExamplesStackProps) {
    super(scope, id, props);

    // The state input is the direct event itself: {tenantId, userId, jid | number, refresh?};
    // the function ignores other fields (a lead id, say). Its result is the contract body.
    const getProfile = this.#invokeProfileFunction(props, 'Look up WhatsApp profile');
    const enrichLead = new sfn.Pass(this, 'Enrich lead', {
      parameters: {
        'jid.$': '$.data.jid',
        'status.$': '$.data.user_info.Status',
        'pictureId.$': '$.data.user_info.PictureID',
        'verifiedName.$': '$.data.user_info.VerifiedName',
        'businessProfile.$': '$.data.business_profile',
      },
    });
    const profileNotAvailable = new sfn.Fail(this, 'Profile not available', {
      // The contract's error envelope: error_code (e.g. NOT_FOUND) and its message.
      errorPath: '$.error_code',
      causePath: '$.error',
    });
    const definition = getProfile.next(
      new sfn.Choice(this, 'Profile found?')
        .when(sfn.Condition.booleanEquals('$.success', true), enrichLead)
        .otherwise(profileNotAvailable),
    );

    // One role, granted explicitly: the API stack's grantProfileLookup plus what logging and
    // tracing need. The state machine gets it without policy updates, so the task's own
    // automatic grant (which adds `<function ARN>:*`, every version) is not added besides.
    this.leadEnrichmentRole = new iam.Role(this, 'LeadEnrichmentRole', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com'),
      description: 'Execution role of the lead-enrichment example state machine',
    });
    props.grantProfileLookup(this.leadEnrichmentRole);
    this.leadEnrichmentRole.addToPolicy(
      new iam.PolicyStatement({
        actions: [...STATE_MACHINE_LOG_DELIVERY_ACTIONS],
        resources: ['*'],
      }),
    );
    this.leadEnrichmentRole.addToPolicy(
      new iam.PolicyStatement({ actions: [...STATE_MACHINE_TRACING_ACTIONS], resources: ['*'] }),
    );

    const logGroup = new logs.LogGroup(this, 'LeadEnrichmentLogs', {
      // The /aws/vendedlogs/ prefix keeps CloudWatch's log resource policy small.
      logGroupName: `/aws/vendedlogs/states/${this.stackName}-lead-enrichment`,
      retention: retentionDays(props.settings.logRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.leadEnrichment = new sfn.StateMachine(this, 'LeadEnrichment', {
      stateMachineName: `${this.stackName}-lead-enrichment`,
      comment: 'Example: enrich a lead with its WhatsApp profile (docs/calling-it.md)',
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      stateMachineType: sfn.StateMachineType.STANDARD,
      timeout: Duration.minutes(2),
      role: this.leadEnrichmentRole.withoutPolicyUpdates(),
      tracingEnabled: true,
      logs: {
        destination: logGroup,
        level: sfn.LogLevel.ALL,
        // Inputs and outputs carry phone numbers and profiles: personal data stays out of logs.
        includeExecutionData: false,
      },
    });
    // Step Functions checks the log-delivery permissions when it creates the state machine.
    this.leadEnrichment.node.addDependency(this.leadEnrichmentRole);

    Validations.of(this.leadEnrichmentRole).acknowledge({
      id: wildcardResourceFinding('*'),
      reason:
        'Step Functions log delivery (logs:CreateLogDelivery and the rest) and X-Ray tracing (xray:PutTraceSegments and the rest) support no resource-level permissions ("*" is their only valid resource).',
    });

    this.listEnrichment = this.#listEnrichment(props, this.leadEnrichmentRole);

    new CfnOutput(this, 'LeadEnrichmentStateMachineArn', {
      description: 'Start it with {"tenantId","userId","number"|"jid"} (docs/calling-it.md)',
      value: this.leadEnrichment.stateMachineArn,
    });
  }

  /**
   * A task calling the direct profile function with the state input as its event; its result
   * (the contract body) is the task's output. Lambda's own transient failures (throttling,
   * service errors) are retried; an error envelope is an answer, not a failure, for a Choice.
   */
  #invokeProfileFunction(props: ExamplesStackProps, id: string): tasks.LambdaInvoke {
    return new tasks.LambdaInvoke(this, id, {
      lambdaFunction: props.profileFunction,
      payload: sfn.TaskInput.fromJsonPathAt('$'),
      outputPath: '$.Payload',
      retryOnServiceExceptions: true,
      taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
    });
  }

  /**
   * A list in one task: the state input is the direct batch event
   * {tenantId, userId, contacts: [{jid}|{number}, ...], refresh?}; the result's `data` holds one
   * body per contact, in order, each branching on its own `success` downstream. Only a call the
   * function refuses as a whole (a bad list, an unknown user) fails the execution.
   */
  #listEnrichment(props: ExamplesStackProps, role: iam.Role): sfn.StateMachine {
    const getProfiles = this.#invokeProfileFunction(props, 'Look up WhatsApp profiles');
    const enriched = new sfn.Pass(this, 'Enriched list', {
      parameters: { 'profiles.$': '$.data' },
    });
    const listRefused = new sfn.Fail(this, 'List refused', {
      errorPath: '$.error_code',
      causePath: '$.error',
    });
    const definition = getProfiles.next(
      new sfn.Choice(this, 'List answered?')
        .when(sfn.Condition.booleanEquals('$.success', true), enriched)
        .otherwise(listRefused),
    );
    const logGroup = new logs.LogGroup(this, 'ListEnrichmentLogs', {
      logGroupName: `/aws/vendedlogs/states/${this.stackName}-list-enrichment`,
      retention: retentionDays(props.settings.logRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const machine = new sfn.StateMachine(this, 'ListEnrichment', {
      stateMachineName: `${this.stackName}-list-enrichment`,
      comment: 'Example: enrich up to 50 contacts with one task (docs/calling-it.md)',
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      stateMachineType: sfn.StateMachineType.STANDARD,
      timeout: Duration.minutes(2),
      role: role.withoutPolicyUpdates(),
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    machine.node.addDependency(role);
    new CfnOutput(this, 'ListEnrichmentStateMachineArn', {
      description: 'Start it with {"tenantId","userId","contacts":[...]} (docs/calling-it.md)',
      value: machine.stateMachineArn,
    });
    return machine;
  }
}
