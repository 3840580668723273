import { ArnFormat, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { WORKER_HEARTBEAT_METRIC } from '../../functions/resources/worker-heartbeat-metric.ts';
import type { DeploymentSettings } from '../deployment-settings.ts';

export interface ObservabilityStackProps extends StackProps {
  settings: DeploymentSettings;
  alarmTopicKey: kms.IKey;
  api: apigateway.RestApi;
  authorizerFunction: lambda.IFunction;
  /** GET /contacts/profile behind API Gateway. */
  profileFunction: lambda.IFunction;
  /** The same lookup for direct invocations (Lambda Invoke, Step Functions, EventBridge). */
  profileDirectFunction: lambda.IFunction;
  replyQueueSweeperFunction: lambda.IFunction;
  requestQueues: readonly sqs.IQueue[];
  requestDeadLetterQueue: sqs.IQueue;
  warmupQueue: sqs.IQueue;
  warmupDeadLetterQueue: sqs.IQueue;
  /** Events no webhook accepted within the retry window (about 24 h). */
  webhookDeadLetterQueue: sqs.IQueue;
  webhookDeliveryFunction: lambda.IFunction;
  workerService: ecs.FargateService;
  heartbeatServiceName: string;
}

/** Percent of API requests answered 5XX above which the API alarm fires. */
export const API_5XX_RATE_THRESHOLD_PERCENT = 1;

/** One dashboard and the alarms an operator must hear about, all sent to one topic. */
export class ObservabilityStack extends Stack {
  readonly alarmTopic: sns.Topic;
  readonly alarms: Record<string, cloudwatch.Alarm>;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const minute = Duration.minutes(1);
    const fiveMinutes = Duration.minutes(5);

    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `${this.stackName} alarms`,
      masterKey: props.alarmTopicKey,
      enforceSSL: true,
    });
    // enforceSSL writes a topic policy, and a topic policy replaces SNS's default one: without
    // this statement CloudWatch may not publish and no alarm would ever reach a subscriber.
    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsOfThisAccount',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: {
            'aws:SourceArn': this.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    if (settings.alarmEmail) {
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(settings.alarmEmail));
    }

    const requests = props.api.metricCount({ period: fiveMinutes, statistic: 'Sum' });
    const serverErrors = props.api.metricServerError({ period: fiveMinutes, statistic: 'Sum' });
    const clientErrors = props.api.metricClientError({ period: fiveMinutes, statistic: 'Sum' });
    const serverErrorRate = new cloudwatch.MathExpression({
      label: '5XX rate (%)',
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      period: fiveMinutes,
    });
    const latencyP99 = props.api.metricLatency({ period: fiveMinutes, statistic: 'p99' });
    const mostVisible = (queue: sqs.IQueue) =>
      queue.metricApproximateNumberOfMessagesVisible({ period: minute, statistic: 'Maximum' });
    const deadLetters = mostVisible(props.requestDeadLetterQueue);
    const warmupDeadLetters = mostVisible(props.warmupDeadLetterQueue);
    const heartbeats = new cloudwatch.Metric({
      namespace: WORKER_HEARTBEAT_METRIC.namespace,
      metricName: WORKER_HEARTBEAT_METRIC.metricName,
      dimensionsMap: { [WORKER_HEARTBEAT_METRIC.serviceDimension]: props.heartbeatServiceName },
      period: minute,
      statistic: 'SampleCount',
    });
    const errorsOf = (fn: lambda.IFunction, period = fiveMinutes) =>
      fn.metricErrors({ period, statistic: 'Sum' });
    const authorizerErrors = errorsOf(props.authorizerFunction);
    const profileErrors = errorsOf(props.profileFunction);
    const profileDirectErrors = errorsOf(props.profileDirectFunction);
    const sweeperErrors = errorsOf(props.replyQueueSweeperFunction, Duration.hours(1));
    /** The functions on the request path, graphed side by side. */
    const apiFunctions = [
      props.authorizerFunction,
      props.profileFunction,
      props.profileDirectFunction,
    ];

    // With workerTaskCount 0 (allowed: the API then serves the cache only) no heartbeat is
    // expected; an alarm on it would sit in ALARM for good and hide every real outage.
    const heartbeatAlarm: Record<string, cloudwatch.Alarm> =
      settings.workerTaskCount > 0
        ? {
            workerHeartbeatMissing: new cloudwatch.Alarm(this, 'WorkerHeartbeatMissingAlarm', {
              alarmDescription:
                'No session worker heartbeat for 3 minutes: live lookups fail with 503 until a worker is back.',
              metric: heartbeats,
              threshold: 1,
              comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
              evaluationPeriods: 3,
              // No data is exactly what a dead worker looks like.
              treatMissingData: cloudwatch.TreatMissingData.BREACHING,
            }),
          }
        : {};
    const alarms: Record<string, cloudwatch.Alarm> = {
      ...heartbeatAlarm,
      api5xxRate: new cloudwatch.Alarm(this, 'Api5xxRateAlarm', {
        alarmDescription: `More than ${API_5XX_RATE_THRESHOLD_PERCENT}% of API requests answered 5XX over 5 minutes (two periods in a row).`,
        metric: serverErrorRate,
        threshold: API_5XX_RATE_THRESHOLD_PERCENT,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 2,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      apiLatencyP99: new cloudwatch.Alarm(this, 'ApiLatencyP99Alarm', {
        alarmDescription:
          'API p99 latency above the live-lookup deadline plus one second: requests are outliving their own deadline.',
        metric: latencyP99,
        threshold: settings.liveLookupDeadlineMs + 1_000,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      deadLetters: new cloudwatch.Alarm(this, 'RequestDeadLetterAlarm', {
        alarmDescription:
          'A profile request reached the dead-letter queue: the worker failed it on every receive.',
        metric: deadLetters,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      warmupDeadLetters: new cloudwatch.Alarm(this, 'WarmupDeadLetterAlarm', {
        alarmDescription:
          'A warm-up message reached its dead-letter queue: the worker failed it on every receive (5). Those contacts were not refreshed.',
        metric: warmupDeadLetters,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      webhookDeadLetters: new cloudwatch.Alarm(this, 'WebhookDeadLetterAlarm', {
        alarmDescription:
          'An event reached the webhook dead-letter queue: its tenant endpoint failed every attempt for about 24 hours.',
        metric: mostVisible(props.webhookDeadLetterQueue),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      webhookDeliveryErrors: new cloudwatch.Alarm(this, 'WebhookDeliveryErrorsAlarm', {
        alarmDescription: 'The webhook delivery function failed (not an endpoint: the function).',
        metric: props.webhookDeliveryFunction.metricErrors({ period: Duration.minutes(5) }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      authorizerErrors: new cloudwatch.Alarm(this, 'AuthorizerErrorsAlarm', {
        alarmDescription:
          'The authorizer failed (not denied): callers get 503 SERVICE_UNAVAILABLE from API Gateway.',
        metric: authorizerErrors,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      profileErrors: new cloudwatch.Alarm(this, 'ProfileErrorsAlarm', {
        alarmDescription:
          'The profile function crashed (an unhandled error, not an error envelope): callers get API Gateway 5XX.',
        metric: profileErrors,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      profileDirectErrors: new cloudwatch.Alarm(this, 'ProfileDirectErrorsAlarm', {
        alarmDescription:
          'The direct profile function crashed (an unhandled error, not an error envelope): direct callers get a Lambda error.',
        metric: profileDirectErrors,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      sweeperErrors: new cloudwatch.Alarm(this, 'ReplyQueueSweeperErrorsAlarm', {
        alarmDescription: 'The reply-queue sweeper failed; idle reply queues accumulate.',
        metric: sweeperErrors,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    };
    const notify = new cloudwatchActions.SnsAction(this.alarmTopic);
    for (const alarm of Object.values(alarms)) {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
    }
    this.alarms = alarms;

    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${this.stackName}-overview`,
      defaultInterval: Duration.hours(3),
    });
    dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: Object.values(alarms),
        width: 24,
        height: 3,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API requests and errors',
        left: [requests, clientErrors, serverErrors],
        right: [serverErrorRate],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'API latency',
        left: [
          props.api.metricLatency({ period: fiveMinutes, statistic: 'p50' }),
          latencyP99,
          props.api.metricIntegrationLatency({ period: fiveMinutes, statistic: 'p99' }),
        ],
        leftAnnotations: [{ value: settings.liveLookupDeadlineMs, label: 'live-lookup deadline' }],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Worker heartbeats (per minute)',
        left: [heartbeats.with({ statistic: 'Sum' })],
        width: 8,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Functions: errors',
        left: [authorizerErrors, profileErrors, profileDirectErrors, sweeperErrors],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Functions: duration p99',
        left: apiFunctions.map((fn) =>
          fn.metricDuration({ period: fiveMinutes, statistic: 'p99' }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Functions: throttles',
        left: apiFunctions.map((fn) => fn.metricThrottles({ period: fiveMinutes })),
        width: 8,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Request and warm-up queues: oldest message age (s)',
        left: [...props.requestQueues, props.warmupQueue].map((queue) =>
          queue.metricApproximateAgeOfOldestMessage({ period: minute, statistic: 'Maximum' }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queue depth',
        left: [
          deadLetters.with({ label: 'requests' }),
          warmupDeadLetters.with({ label: 'warm-ups' }),
        ],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Worker CPU and memory (%)',
        left: [
          props.workerService.metricCpuUtilization({ period: minute }),
          props.workerService.metricMemoryUtilization({ period: minute }),
        ],
        width: 8,
      }),
    );
  }
}
