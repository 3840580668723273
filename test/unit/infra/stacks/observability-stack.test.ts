import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKER_HEARTBEAT_METRIC } from '../../../../functions/resources/worker-heartbeat-metric.ts';
import { API_5XX_RATE_THRESHOLD_PERCENT } from '../../../../infra/stacks/observability-stack.ts';
import {
  resourceByIdPrefix,
  type SynthesizedApp,
  synthesizeApp,
} from '../../../support/infra/synthesize-app.ts';
import { importOf } from '../../../support/infra/template-matchers.ts';

type Alarm = { Properties: Record<string, unknown> };

describe('ObservabilityStack', () => {
  let synthesized: SynthesizedApp;
  beforeAll(() => {
    synthesized = synthesizeApp();
  });

  it('alarms on any message in the webhook dead-letter queue', () => {
    const alarm = resourceByIdPrefix(
      synthesized.templates.observability,
      'AWS::CloudWatch::Alarm',
      'WebhookDeadLetterAlarm',
    );
    expect(alarm.Properties).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: expect.stringMatching(/^AlarmTopic/) }],
      Dimensions: [
        { Name: 'QueueName', Value: importOf('SessionEventsWebhookDeliveriesDlq.*QueueName') },
      ],
    });
  });

  const alarm = (id: string) =>
    resourceByIdPrefix(synthesized.templates.observability, 'AWS::CloudWatch::Alarm', id) as Alarm;

  it('alarms on the API 5XX rate as a share of all requests', () => {
    const { Properties } = alarm('Api5xxRateAlarm');
    expect(Properties.Threshold).toBe(API_5XX_RATE_THRESHOLD_PERCENT);
    expect(Properties.ComparisonOperator).toBe('GreaterThanThreshold');
    const metrics = Properties.Metrics as {
      Id: string;
      Expression?: string;
      MetricStat?: { Metric: { MetricName: string } };
    }[];
    expect(metrics.find((metric) => metric.Expression)?.Expression).toBe(
      'IF(requests > 0, 100 * errors / requests, 0)',
    );
    expect(
      metrics
        .map((metric) => metric.MetricStat?.Metric.MetricName)
        .filter(Boolean)
        .sort(),
    ).toEqual(['5XXError', 'Count']);
  });

  it('alarms when API p99 latency outlives the live-lookup deadline', () => {
    expect(alarm('ApiLatencyP99Alarm').Properties).toMatchObject({
      MetricName: 'Latency',
      Namespace: 'AWS/ApiGateway',
      ExtendedStatistic: 'p99',
      Threshold: 11_000,
    });
  });

  it('alarms as soon as one request sits in the dead-letter queue', () => {
    expect(alarm('RequestDeadLetterAlarm').Properties).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::ImportValue': expect.stringMatching(/ProfileRequestsDlq/) },
        },
      ],
    });
  });

  it('alarms as soon as one warm-up message sits in the warm-up dead-letter queue', () => {
    expect(alarm('WarmupDeadLetterAlarm').Properties).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Statistic: 'Maximum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::ImportValue': expect.stringMatching(/ProfileWarmupsDlq/) },
        },
      ],
    });
  });

  it('alarms when the worker heartbeat the worker publishes goes missing', () => {
    expect(alarm('WorkerHeartbeatMissingAlarm').Properties).toMatchObject({
      Namespace: WORKER_HEARTBEAT_METRIC.namespace,
      MetricName: WORKER_HEARTBEAT_METRIC.metricName,
      Dimensions: [
        { Name: WORKER_HEARTBEAT_METRIC.serviceDimension, Value: 'WaContactProfile-Worker' },
      ],
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
  });

  it('alarms on authorizer errors', () => {
    expect(alarm('AuthorizerErrorsAlarm').Properties).toMatchObject({
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Threshold: 0,
      Dimensions: [
        {
          Name: 'FunctionName',
          Value: { 'Fn::ImportValue': expect.stringMatching(/AuthorizerFunction/) },
        },
      ],
    });
  });

  it('sends every alarm and its recovery to one encrypted topic', () => {
    const alarms = Object.values(
      synthesized.templates.observability.findResources('AWS::CloudWatch::Alarm') as Record<
        string,
        Alarm
      >,
    );
    expect(alarms.length).toBeGreaterThanOrEqual(5);
    for (const { Properties } of alarms) {
      expect(Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmTopic/) }]);
      expect(Properties.OKActions).toEqual([{ Ref: expect.stringMatching(/^AlarmTopic/) }]);
    }
    synthesized.templates.observability.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::ImportValue': Match.stringLikeRegexp('AlarmTopicKey') },
    });
  });

  it('subscribes the alarm e-mail address when one is configured', () => {
    const { templates } = synthesizeApp({ 'waContactProfile:alarmEmail': 'ops@example.com' });
    templates.observability.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
  });

  it('draws one dashboard, with the warm-up dead-letter queue depth and its alarm on it', () => {
    synthesized.templates.observability.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const dashboard = resourceByIdPrefix(
      synthesized.templates.observability,
      'AWS::CloudWatch::Dashboard',
      'Dashboard',
    );
    // The body is a Fn::Join of JSON text and the imported queue names and alarm ARNs.
    const parts = (dashboard.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] })[
      'Fn::Join'
    ][1];
    const importedNames = parts
      .filter((part): part is { 'Fn::ImportValue': string } => typeof part === 'object')
      .map((part) => part['Fn::ImportValue'] ?? JSON.stringify(part));
    expect(importedNames.some((name) => /ProfileWarmupsDlq.*QueueName/.test(name))).toBe(true);
    expect(
      parts.some(
        (part) =>
          typeof part === 'object' && JSON.stringify(part).includes('WarmupDeadLetterAlarm'),
      ),
    ).toBe(true);
  });

  it('puts no Tags on the dashboard, which CloudFormation rejects in most regions', () => {
    const dashboard = resourceByIdPrefix(
      synthesized.templates.observability,
      'AWS::CloudWatch::Dashboard',
      'Dashboard',
    );
    expect(dashboard.Properties.Tags).toBeUndefined();
    // Everything else keeps the app-wide tag.
    synthesized.templates.observability.hasResourceProperties('AWS::SNS::Topic', {
      Tags: Match.arrayWith([{ Key: 'application', Value: 'WaContactProfile' }]),
    });
  });

  it('lets CloudWatch alarms of this account and region publish to the SSL-only alarm topic', () => {
    const policy = resourceByIdPrefix(
      synthesized.templates.observability,
      'AWS::SNS::TopicPolicy',
      'AlarmTopicPolicy',
    );
    const statements = (
      policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }
    ).Statement;
    // The Deny alone would replace SNS's default policy and block CloudWatch.
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(statements).toContainEqual({
      Sid: 'AllowCloudWatchAlarmsOfThisAccount',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: { Ref: expect.stringMatching(/^AlarmTopic/) },
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: {
          'aws:SourceArn': {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':cloudwatch:',
                { Ref: 'AWS::Region' },
                ':',
                { Ref: 'AWS::AccountId' },
                ':alarm:*',
              ],
            ],
          },
        },
      },
    });
  });

  it('has no worker-heartbeat alarm when no worker task is deployed, which would sit in ALARM for good', () => {
    const { templates } = synthesizeApp({ 'waContactProfile:workerTaskCount': 0 });
    const ids = Object.keys(templates.observability.findResources('AWS::CloudWatch::Alarm'));
    expect(ids.some((id) => id.startsWith('WorkerHeartbeatMissingAlarm'))).toBe(false);
    expect(
      Object.keys(synthesized.templates.observability.findResources('AWS::CloudWatch::Alarm')).some(
        (id) => id.startsWith('WorkerHeartbeatMissingAlarm'),
      ),
    ).toBe(true);
  });
});
