// Runs one invocation of a Lambda bundle exactly as cdk.out packages it: a fresh Node process
// (a cold start) with the environment it is given, the event on stdin, the result on stdout.
// Usage: node test/support/run-lambda-bundle.ts <bundle file> <export name>
import { pathToFileURL } from 'node:url';

const [bundleFile, exportName = 'handler'] = process.argv.slice(2);
if (!bundleFile) throw new Error('usage: run-lambda-bundle.ts <bundle file> [export]');
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const bundle = (await import(pathToFileURL(bundleFile).href)) as Record<
  string,
  (event: unknown, context: unknown) => Promise<unknown>
>;
const handler = bundle[exportName];
if (typeof handler !== 'function') throw new Error(`${bundleFile} exports no ${exportName}`);
const deadline = Date.now() + 30_000;
const context = {
  functionName: 'shipped-bundle',
  awsRequestId: crypto.randomUUID(),
  getRemainingTimeInMillis: () => deadline - Date.now(),
  callbackWaitsForEmptyEventLoop: true,
};
const result = await handler(event, context);
process.stdout.write(`\n${JSON.stringify({ result })}\n`);
process.exit(0);
