import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { lambdaContext } from '../test/support/lambda/lambda-context.ts';

/**
 * One cold start, in a fresh process: import a bundle and serve its first request. The parent
 * passes the bundle path and the event; times are since this process started, so the node
 * boot cancels out when the empty handler's run is subtracted.
 */
export interface ColdStartSample {
  importedAtMs: number;
  answeredAtMs: number;
  /** CPU time this process used until the import finished. */
  importCpuMs: number;
  /** CPU time this process used until it answered: robust when the machine is shared. */
  cpuMs: number;
  /** When the import finished on the clock of V8's CPU profiles (µs), to split a profile. */
  importedAtMonotonicUs: number;
  /** The handler's answer, for the parent to check that the first request succeeded. */
  answer: unknown;
}

type Handler = (event: unknown, context: Context) => Promise<unknown>;

function cpuMs(): number {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1000;
}

const [bundle, eventJson] = process.argv.slice(2);
if (!bundle || !eventJson) throw new Error('usage: cold-start-probe.ts <bundle> <event-json>');
const event = JSON.parse(eventJson) as unknown;
// As the Lambda runtime loads a handler: require() for CommonJS, import() for an ES module.
const { handler } = (
  bundle.endsWith('.cjs')
    ? createRequire(import.meta.url)(bundle)
    : await import(pathToFileURL(bundle).href)
) as { handler: Handler };
const importedAtMs = performance.now();
const importCpuMs = cpuMs();
const importedAtMonotonicUs = Number(process.hrtime.bigint() / 1000n);
const answer = await handler(event, lambdaContext('cold-start', 15_000));
const answeredAtMs = performance.now();
const sample: ColdStartSample = {
  importedAtMs,
  answeredAtMs,
  importCpuMs,
  cpuMs: cpuMs(),
  importedAtMonotonicUs,
  answer,
};
process.send?.(sample, () => process.exit(0));
