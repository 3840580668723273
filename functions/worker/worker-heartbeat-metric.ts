import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { WORKER_HEARTBEAT_METRIC } from '../resources/worker-heartbeat-metric.ts';

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
