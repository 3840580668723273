import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * The worker's liveness signal. Each task publishes one `WorkerHeartbeat` per interval as an
 * EMF line on stdout; on AWS the container's log group turns it into a CloudWatch metric, and
 * the "worker heartbeat missing" alarm fires when none arrives. The CDK worker stack sets
 * POWERTOOLS_SERVICE_NAME, whose value is the metric's `service` dimension the alarm watches.
 */
export const WORKER_HEARTBEAT_METRIC = {
  namespace: 'WaContactProfile',
  metricName: 'WorkerHeartbeat',
  /** Powertools' default dimension carrying the service name. */
  serviceDimension: 'service',
  intervalSeconds: 60,
} as const;

export interface WorkerHeartbeat {
  stop(): void;
}

export function startWorkerHeartbeat(options: {
  serviceName: string;
  intervalMs?: number;
}): WorkerHeartbeat {
  const metrics = new Metrics({
    namespace: WORKER_HEARTBEAT_METRIC.namespace,
    serviceName: options.serviceName,
  });
  const beat = () => {
    metrics.addMetric(WORKER_HEARTBEAT_METRIC.metricName, MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
  };
  beat();
  const timer = setInterval(
    beat,
    options.intervalMs ?? WORKER_HEARTBEAT_METRIC.intervalSeconds * 1000,
  );
  // The heartbeat never keeps a stopping process alive.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
