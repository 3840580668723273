import { createDynamoDbClient, createSqsClient } from '../platform/aws-clients.ts';
import { createLogger } from '../platform/logger.ts';
import { startWorker } from './start-worker.ts';
import { readWorkerConfig } from './worker-config.ts';
import { startWorkerHeartbeat } from './worker-heartbeat-metric.ts';

// The long-running session worker process (ECS task on AWS, child process of `npm start`).
const config = readWorkerConfig();
const worker = await startWorker(config, {
  dynamoDb: createDynamoDbClient(),
  sqs: createSqsClient(),
  logger: createLogger('session-worker'),
});
// Locally the local stack sets POWERTOOLS_METRICS_DISABLED, so no metric lines reach the console.
const heartbeat = startWorkerHeartbeat({ serviceName: config.POWERTOOLS_SERVICE_NAME });
// Tell a parent process (the local stack) that the worker holds its shards and consumes.
process.send?.({ type: 'ready', workerId: worker.workerId });

let stopping = false;
const shutDown = () => {
  if (stopping) return;
  stopping = true;
  heartbeat.stop();
  worker.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', shutDown);
process.on('SIGTERM', shutDown);
// Under `npm start`, a parent that dies must not leave an orphan worker holding the lease.
process.on('disconnect', shutDown);
