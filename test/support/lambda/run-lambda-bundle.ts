// Runs one invocation of a Lambda bundle exactly as cdk.out packages it: a fresh Node process
// (a cold start) with the environment it is given, the event on stdin, the result on stdout.
// Usage: node test/support/lambda/run-lambda-bundle.ts <bundle file> <export name>
import { copyFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [bundleFile, exportName = 'handler'] = process.argv.slice(2);
if (!bundleFile) throw new Error('usage: run-lambda-bundle.ts <bundle file> [export]');
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
type LambdaModule = Record<string, (event: unknown, context: unknown) => Promise<unknown>>;
/**
 * Lambda loads a `.js` handler as CommonJS (its task root has no package.json); inside this
 * repository (`"type": "module"`) Node would read it as an ES module, so it runs from a folder
 * of its own, as on Lambda. `.mjs` is an ES module everywhere.
 */
async function loadBundle(file: string): Promise<LambdaModule> {
  if (file.endsWith('.mjs')) return (await import(pathToFileURL(file).href)) as LambdaModule;
  const taskRoot = mkdtempSync(path.join(tmpdir(), 'lambda-task-root-'));
  const copy = path.join(taskRoot, path.basename(file));
  copyFileSync(file, copy);
  return createRequire(import.meta.url)(copy) as LambdaModule;
}

const bundle = await loadBundle(bundleFile);
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
