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
