import { beforeAll, describe, expect, it } from 'vitest';
import {
  STATE_MACHINE_LOG_DELIVERY_ACTIONS,
  STATE_MACHINE_TRACING_ACTIONS,
} from '../../../../infra/stacks/examples-stack.ts';
import {
  policyStatementsOfRole,
  resourceByIdPrefix,
  type SynthesizedApp,
  synthesizeApp,
} from '../../../support/infra/synthesize-app.ts';

const EXAMPLES = { 'waContactProfile:examples': 'true' };

interface StateDefinition {
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
}

/** The parsed definition, with the partition as `aws` and the imported function ARN as `<import>`. */
function definitionOf(synthesized: SynthesizedApp, machineId = 'LeadEnrichment'): StateDefinition {
  const templates = synthesized.templates;
  if (!templates.examples) throw new Error('the examples stack was not synthesized');
  const machine = resourceByIdPrefix(
    templates.examples,
    'AWS::StepFunctions::StateMachine',
    machineId,
  );
  const parts = (machine.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })[
    'Fn::Join'
  ][1];
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (JSON.stringify(part) === '{"Ref":"AWS::Partition"}') return 'aws';
      if (typeof part === 'object' && part !== null && 'Fn::ImportValue' in part) return '<import>';
      throw new Error(`unexpected token in the definition: ${JSON.stringify(part)}`);
    })
    .join('');
  return JSON.parse(text) as StateDefinition;
}

describe('ExamplesStack', () => {
  it('is not part of the app unless the context enables it', () => {
    for (const context of [{}, { 'waContactProfile:examples': 'false' }]) {
      const synthesized = synthesizeApp(context);
      expect(synthesized.stacks.examples).toBeUndefined();
      expect(synthesized.app.node.tryFindChild('WaContactProfile-Examples')).toBeUndefined();
    }
  });

  describe('when enabled', () => {
    let synthesized: SynthesizedApp;
    beforeAll(() => {
      synthesized = synthesizeApp(EXAMPLES);
    });

    it('enriches a list with one task: the batch event in, one body per contact out', () => {
      const definition = definitionOf(synthesized, 'ListEnrichment');
      expect(definition.StartAt).toBe('Look up WhatsApp profiles');
      expect(definition.States['Look up WhatsApp profiles']).toMatchObject({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: '<import>', 'Payload.$': '$' },
        OutputPath: '$.Payload',
        Next: 'List answered?',
      });
      expect(
        Object.values(definition.States).filter((state) => state.Type === 'Task'),
      ).toHaveLength(1);
      expect(definition.States['Enriched list']).toMatchObject({
        Type: 'Pass',
        Parameters: { 'profiles.$': '$.data' },
        End: true,
      });
      const machine = resourceByIdPrefix(
        synthesized.templates.examples as NonNullable<typeof synthesized.templates.examples>,
        'AWS::StepFunctions::StateMachine',
        'ListEnrichment',
      );
      expect(machine.Properties).toMatchObject({
        RoleArn: { 'Fn::GetAtt': [expect.stringMatching(/^LeadEnrichmentRole/), 'Arn'] },
        LoggingConfiguration: { IncludeExecutionData: false },
      });
    });

    it('holds standard state machines with X-Ray tracing and every event logged, without execution data', () => {
      const template = synthesized.templates.examples;
      template?.resourceCountIs('AWS::StepFunctions::StateMachine', 2);
      const machine = resourceByIdPrefix(
        template as NonNullable<typeof template>,
        'AWS::StepFunctions::StateMachine',
        'LeadEnrichment',
      );
      expect(machine.Properties).toMatchObject({
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: {
          Level: 'ALL',
          IncludeExecutionData: false,
          Destinations: [
            {
              CloudWatchLogsLogGroup: {
                LogGroupArn: {
                  'Fn::GetAtt': [expect.stringMatching(/^LeadEnrichmentLogs/), 'Arn'],
                },
              },
            },
          ],
        },
      });
      template?.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: '/aws/vendedlogs/states/WaContactProfile-Examples-lead-enrichment',
        RetentionInDays: 30,
      });
    });

    it('looks the profile up with the optimized Lambda integration, passing the state input as the direct event', () => {
      const definition = definitionOf(synthesized);
      const lookUp = definition.States[definition.StartAt];
      expect(definition.StartAt).toBe('Look up WhatsApp profile');
      expect(lookUp).toMatchObject({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: '<import>', 'Payload.$': '$' },
        OutputPath: '$.Payload',
        Next: 'Profile found?',
      });
      // The function name is the direct profile function's ARN, imported from the API stack.
      const machine = JSON.stringify(synthesized.templates.examples?.toJSON());
      expect(machine).toMatch(
        /WaContactProfile-Api:ExportsOutputFnGetAttProfileDirectFunction\w+Arn/,
      );
    });

    it('branches on the body success: enrich the lead, or fail with the envelope error code and message', () => {
      const { States } = definitionOf(synthesized);
      expect(States['Profile found?']).toEqual({
        Type: 'Choice',
        Choices: [{ Variable: '$.success', BooleanEquals: true, Next: 'Enrich lead' }],
        Default: 'Profile not available',
      });
      expect(States['Enrich lead']).toMatchObject({
        Type: 'Pass',
        Parameters: expect.objectContaining({ 'jid.$': '$.data.jid' }),
        End: true,
      });
      expect(States['Profile not available']).toEqual({
        Type: 'Fail',
        ErrorPath: '$.error_code',
        CausePath: '$.error',
      });
    });

    it('runs under a role granted with grantProfileLookup, plus log delivery and tracing only', () => {
      const template = synthesized.templates.examples as NonNullable<
        SynthesizedApp['templates']['examples']
      >;
      expect(policyStatementsOfRole(template, 'LeadEnrichmentRole')).toEqual([
        {
          Action: 'lambda:InvokeFunction',
          Effect: 'Allow',
          Resource: {
            'Fn::ImportValue': expect.stringMatching(
              /^WaContactProfile-Api:ExportsOutputFnGetAttProfileDirectFunction\w+Arn/,
            ),
          },
        },
        // @aws-cdk/aws-iam:minimizePolicies merges the two "*" statements, actions sorted.
        {
          Action: [...STATE_MACHINE_LOG_DELIVERY_ACTIONS, ...STATE_MACHINE_TRACING_ACTIONS].sort(),
          Effect: 'Allow',
          Resource: '*',
        },
      ]);
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Action: 'sts:AssumeRole',
              Effect: 'Allow',
              Principal: { Service: 'states.amazonaws.com' },
            },
          ],
        },
      });
      // The role and its policy exist before Step Functions checks the log permissions.
      const machine = template.findResources('AWS::StepFunctions::StateMachine');
      expect(Object.values(machine)[0]?.DependsOn).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^LeadEnrichmentRoleDefaultPolicy/),
          expect.stringMatching(/^LeadEnrichmentRole[0-9A-F]{8}$/),
        ]),
      );
    });

    it('outputs the state machine ARN', () => {
      const outputs = synthesized.templates.examples?.toJSON().Outputs as Record<
        string,
        { Value: unknown }
      >;
      expect(outputs.LeadEnrichmentStateMachineArn?.Value).toEqual({
        Ref: expect.stringMatching(/^LeadEnrichment[0-9A-F]{8}$/),
      });
    });
  });
});
