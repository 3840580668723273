import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { lambdaContext } from './api-gateway-events.ts';

/**
 * One cold start, in a fresh process: import a bundle and serve its first request. The parent
 * passes the bundle path and the event; times are since this process started, so the node
 * boot cancels out when the empty handler's run is subtracted.
 */
export interface ColdStartSample {
  importedAtMs: number;
  answeredAtMs: number;
  /** CPU time this process used until it answered: robust when the machine is shared. */
  cpuMs: number;
  statusCode: number;
  cacheStatus: string | undefined;
}

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const [bundle, eventJson] = process.argv.slice(2);
if (!bundle || !eventJson) throw new Error('usage: cold-start-probe.ts <bundle> <event-json>');
const event = JSON.parse(eventJson) as APIGatewayProxyEvent;
const { handler } = (await import(pathToFileURL(bundle).href)) as { handler: Handler };
const importedAtMs = performance.now();
const response = await handler(event, lambdaContext('cold-start'));
const answeredAtMs = performance.now();
const cpu = process.cpuUsage();
const sample: ColdStartSample = {
  importedAtMs,
  answeredAtMs,
  cpuMs: (cpu.user + cpu.system) / 1000,
  statusCode: response.statusCode,
  cacheStatus: response.headers?.['X-Cache'] as string | undefined,
};
process.send?.(sample, () => process.exit(0));
