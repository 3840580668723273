import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DynamoDbTokenStore } from '../functions/adapters/dynamodb-token-store.ts';
import { DynamoDbWorkerPresence } from '../functions/adapters/dynamodb-worker-presence.ts';
import { SqsWorkerClient } from '../functions/adapters/worker-client/sqs-worker-client.ts';
import { createApiToken } from '../functions/cli/api-token-commands.ts';
import { type LocalStack, startLocalStack } from '../functions/local/local-stack.ts';
import { createDynamoDbClient, createSqsClient } from '../functions/platform/aws-clients.ts';
import { SERVICE_FUNCTION_ENVIRONMENT } from '../infra/constructs/service-function-bundling.ts';
import { measureBatchLookups, writeBatchDirectory } from './batch-lookups.ts';
import { writeBenchDocuments } from './bench-docs.ts';
import { type BenchResults, benchResultsSchema } from './bench-results.ts';
import {
  CHANGE_NOTIFICATION_SETTINGS,
  changeNotificationsOnly,
  measureChangeNotifications,
  printChangeNotifications,
} from './change-notifications.ts';
import { type ColdInitReport, type ColdInitResult, measureColdInit } from './cold-init.ts';
import { COLD_START_VARIANTS, fillCompileCache } from './cold-start-variants.ts';
import type { HandlerHostReport, HandlerHostRequest } from './handler-host.ts';
import { BUILD_DIR, bundleLambda, type LambdaBundle, REPO_ROOT } from './lambda-bundles.ts';
import { BENCHED_FUNCTIONS, EMPTY_FUNCTION, type FirstRequestInputs } from './lambda-functions.ts';
import { measureLivePathBreakdown } from './live-path-breakdown.ts';
import { printColdInit, printReport } from './print-report.ts';
import { percentile, roundTo } from './sample-statistics.ts';
import {
  measureSessionCapacity,
  printSessionCapacity,
  type SessionCapacitySettings,
} from './session-capacity.ts';
import { startTlsEndpoints } from './tls-endpoints.ts';
import { UNBOUNDED_USAGE_PLAN } from './unbounded-usage-plan.ts';

/**
 * `npm run bench`: builds the Lambda bundles as the CDK stack does, starts the embedded stack on
 * loopback, measures the cached path (in-process and over HTTP), the SQS live path and the cold
 * start, prints a table and writes bench/results.json. `--quick` runs the same steps with small
 * sample sizes (CI runs it so the script cannot rot) and writes .bench-build/results.quick.json.
 */

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    // Only the session-capacity step; merged into the existing results file.
    sessions: { type: 'boolean', default: false },
    // Only the cold-init step (with its lever variants); merged into the existing results file.
    cold: { type: 'boolean', default: false },
    // Only the change-notification step; merged into the existing results file.
    notifications: { type: 'boolean', default: false },
    // With --cold: only these functions (comma-separated names) and only these lever variants
    // (labels, or `none`). A partial run prints its figures and writes .bench-build only.
    functions: { type: 'string' },
    variants: { type: 'string' },
    // Paired runs per bundle (default 30): more where medians sit near a target.
    pairs: { type: 'string' },
  },
});
const QUICK = flags.quick;
const SESSIONS_ONLY = flags.sessions;
const COLD_ONLY = flags.cold;
const listFlag = (value: string | undefined) =>
  value === undefined ? undefined : new Set(value.split(',').map((name) => name.trim()));
const ONLY_FUNCTIONS = listFlag(flags.functions);
const ONLY_VARIANTS = listFlag(flags.variants);
const PARTIAL_COLD_RUN = ONLY_FUNCTIONS !== undefined || ONLY_VARIANTS !== undefined;
if (PARTIAL_COLD_RUN && !COLD_ONLY) throw new Error('--functions and --variants go with --cold');
/** The functions this run cold-starts (all of them unless `--functions` names some). */
const COLD_FUNCTIONS = BENCHED_FUNCTIONS.filter(
  (lambda) => ONLY_FUNCTIONS?.has(lambda.name) ?? true,
);
/** The lever variants this run measures (all of them unless `--variants` names some). */
const COLD_VARIANTS = COLD_START_VARIANTS.filter(
  (variant) => ONLY_VARIANTS?.has(variant.label) ?? true,
);

const SESSION_CAPACITY: SessionCapacitySettings = QUICK
  ? {
      sessions: 4,
      windowMs: 2_000,
      messagesPerMinute: 30,
      groupShare: 0.3,
      lookups: 20,
      lookupsPerSecond: 20,
      lookupDeadlineMs: 10_000,
    }
  : {
      // A few hundred sessions: enough for per-session figures, moderate on a shared machine.
      sessions: 200,
      // Longer than Baileys' 30 s keep-alive interval, so every session pings in the window.
      windowMs: 35_000,
      // A busy account's incoming traffic (about 2,900 a day), 30 % of it from groups.
      messagesPerMinute: 2,
      groupShare: 0.3,
      lookups: 200,
      lookupsPerSecond: 10,
      lookupDeadlineMs: 10_000,
    };

const CHANGE_NOTIFICATIONS = CHANGE_NOTIFICATION_SETTINGS[QUICK ? 'quick' : 'full'];

const SETTINGS = QUICK
  ? {
      ratioWarmup: 50,
      ratioIterations: 150,
      gatewaySeconds: 1,
      liveWarmup: 3,
      liveIterations: 20,
      breakdownIterations: 5,
      coldRuns: 2,
      profiledColdRuns: 1,
      variants: false,
      batchIterations: 3,
      budgetMs: 100_000,
    }
  : {
      ratioWarmup: 500,
      ratioIterations: 3000,
      gatewaySeconds: 10,
      liveWarmup: 20,
      liveIterations: 300,
      breakdownIterations: 100,
      // Paired runs per function: enough for a median's 95 % interval of about ±10 ms here.
      coldRuns: flags.pairs === undefined ? 30 : Number.parseInt(flags.pairs, 10),
      profiledColdRuns: 3,
      variants: true,
      batchIterations: 20,
      // Sized for a shared 2-core machine at load 10+, with the session-capacity run.
      budgetMs: 1_800_000,
    };

const CONTACT_JID = '5511999999999@s.whatsapp.net';
const IDENTITY = { tenantId: 'bench-tenant', userId: 'bench-user' };
const HANDLER_HOST = path.join(import.meta.dirname, 'handler-host.ts');
const AUTOCANNON = path.join(REPO_ROOT, 'node_modules', 'autocannon', 'autocannon.js');
const RESULTS_FILE = QUICK
  ? path.join(BUILD_DIR, 'results.quick.json')
  : path.join(import.meta.dirname, 'results.json');

/** The functions the proposals are measured on: the two on every API request's path. */
const VARIANT_FUNCTIONS = new Set(['authorizer', 'profile-http']);

const children = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

// A bench that hangs is worse than one that fails: stop everything past the time budget.
const budget = setTimeout(() => {
  console.error(`bench: over its ${SETTINGS.budgetMs / 1000} s budget; stopping`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
}, SETTINGS.budgetMs);
budget.unref();

function step(label: string): void {
  console.error(`bench: ${label} (${(performance.now() / 1000).toFixed(1)} s)`);
}

/** The environment of a Lambda execution environment: Powertools at its default level. */
function lambdaEnvironment(stack: LocalStack): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...stack.environment,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    // What infra/constructs/service-function.ts sets on every function (NODE_OPTIONS).
    NODE_OPTIONS: '',
    ...SERVICE_FUNCTION_ENVIRONMENT,
  };
}

/** The contacts function's own worker client, wired as functions/contacts/wire-contacts.ts wires it. */
function benchWorkerClient(stack: LocalStack) {
  const sqs = createSqsClient();
  const dynamoDb = createDynamoDbClient();
  const workerClient = new SqsWorkerClient({
    sqs,
    presence: new DynamoDbWorkerPresence({
      client: dynamoDb,
      tableName: stack.resources.sessionsTableName,
    }),
    requestQueueUrls: stack.resources.requestQueueUrls,
    replyQueueNamePrefix: stack.resources.replyQueueNamePrefix,
  });
  return { sqs, dynamoDb, workerClient };
}

/** The bench user's API token, and the identity the authorizer answers for it. */
async function issueBenchToken(stack: LocalStack) {
  const tokens = new DynamoDbTokenStore({
    client: stack.dynamoDb,
    tableName: stack.resources.tokensTableName,
  });
  const { token, record } = await createApiToken(tokens, IDENTITY);
  return { token, identity: { ...IDENTITY, tokenId: record.tokenId } };
}

/** One live lookup, so the cold starts' first requests find the contact cached. */
async function cacheTheContact(stack: LocalStack): Promise<void> {
  const { sqs, dynamoDb, workerClient } = benchWorkerClient(stack);
  await workerClient.request(
    IDENTITY,
    { kind: 'jid', jid: CONTACT_JID },
    { deadline: Date.now() + 30_000, refresh: true },
  );
  sqs.destroy();
  dynamoDb.destroy();
}

async function measureLivePath(stack: LocalStack) {
  const { sqs, dynamoDb, workerClient } = benchWorkerClient(stack);
  const contact = { kind: 'jid', jid: CONTACT_JID } as const;
  const roundTrip = async () => {
    const started = performance.now();
    const live = await workerClient.request(IDENTITY, contact, {
      deadline: Date.now() + 10_000,
      refresh: true,
    });
    const elapsed = performance.now() - started;
    if (live.profile.jid !== CONTACT_JID) throw new Error('the worker answered another contact');
    return elapsed;
  };
  // The first round trip creates the reply queue; it (and the worker's cache write) also
  // leaves the cached item the cached-path measurements read.
  for (let index = 0; index < SETTINGS.liveWarmup; index++) await roundTrip();
  const samples: number[] = [];
  for (let index = 0; index < SETTINGS.liveIterations; index++) samples.push(await roundTrip());
  const { profile } = await workerClient.request(IDENTITY, contact, {
    deadline: Date.now() + 10_000,
    refresh: false,
  });
  sqs.destroy();
  dynamoDb.destroy();
  return {
    livePath: {
      sqsRoundTripP50Ms: roundTo(percentile(samples, 50), 2),
      sqsRoundTripP99Ms: roundTo(percentile(samples, 99), 2),
    },
    breakdown: await measureLivePathBreakdown(stack, profile, SETTINGS.breakdownIterations),
  };
}

async function startHandlerHost(
  stack: LocalStack,
  request: HandlerHostRequest,
): Promise<{ host: ChildProcess; report: HandlerHostReport }> {
  // stdout discarded: the handlers log one JSON line per request, as on Lambda.
  const host = track(
    spawn(process.execPath, [HANDLER_HOST], {
      env: lambdaEnvironment(stack),
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    }),
  );
  host.send(request);
  const [message] = (await Promise.race([
    once(host, 'message'),
    once(host, 'exit').then(() => {
      throw new Error('the handler host exited before reporting');
    }),
  ])) as [{ ok: true; report: HandlerHostReport } | { ok: false; error: string }];
  if (!message.ok) throw new Error(`the handler host failed: ${message.error}`);
  return { host, report: message.report };
}

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function loadGateway(url: string, token: string, connections: number) {
  const child = track(
    spawn(
      process.execPath,
      [
        AUTOCANNON,
        '--connections',
        String(connections),
        '--duration',
        String(SETTINGS.gatewaySeconds),
        '--headers',
        `Authorization=Bearer ${token}`,
        '--json',
        '--no-progress',
        `${url}/contacts/profile?jid=${encodeURIComponent(CONTACT_JID)}`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    ),
  );
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`autocannon exited with ${code}`);
  const result = JSON.parse(output) as AutocannonResult;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `gateway load at c${connections}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return {
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

/** Where the numbers came from; the load average says whether the machine was shared. */
function machine(loadAtStart: number) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage1mAtStart: roundTo(loadAtStart, 2),
    loadAverage1mAtEnd: roundTo(os.loadavg()[0] ?? 0, 2),
  };
}

/** The figures results.json keeps of one cold-init result. */
function coldInitFigures(cold: ColdInitResult) {
  return {
    pairs: cold.pairs,
    cpuOverEmptyMs: cold.cpuOverEmptyMs,
    cpuOverEmptySpread: cold.cpuOverEmptySpread,
    wallOverEmptyMs: cold.wallOverEmptyMs,
    importCpuOverEmptyMs: cold.importCpuOverEmptyMs,
    firstRequestCpuMs: cold.firstRequestCpuMs,
  };
}

/** The lever variants' results, keyed `<function> (<variant>)` as their bundles are named. */
function variantFigures(coldInit: ColdInitReport) {
  return Object.fromEntries(
    coldInit.functions
      .filter((result) => result.name.includes(' ('))
      .map((result) => [result.name, coldInitFigures(result)]),
  );
}

function coldInitRun(coldInit: ColdInitReport, loadAtStart: number) {
  return {
    date: new Date().toISOString(),
    pairsPerBundle: coldInit.runs,
    loadAverage1mAtStart: roundTo(loadAtStart, 2),
    loadAverage1mAtEnd: roundTo(os.loadavg()[0] ?? 0, 2),
    firstRequestEndpoints: 'https (loopback TLS terminator, RSA 2048)',
  };
}

/**
 * Cold init of every deployed bundle and (full run, `--cold`) of the lever variants, paired
 * against the empty handler, with the first request over HTTPS to loopback as on Lambda.
 */
async function measureColdStarts(
  stack: LocalStack,
  options: { empty: LambdaBundle; functionBundles: LambdaBundle[]; inputs: FirstRequestInputs },
) {
  const environment = lambdaEnvironment(stack);
  const variantsOf = await Promise.all(
    (SETTINGS.variants ? COLD_VARIANTS : []).flatMap((variant) =>
      COLD_FUNCTIONS.filter((lambda) =>
        variant.functions
          ? variant.functions.includes(lambda.name)
          : VARIANT_FUNCTIONS.has(lambda.name),
      ).map(async (lambda) => {
        const bundle = await bundleLambda(lambda.name, lambda.entry, {
          label: variant.label,
          options: variant.options ?? {},
        });
        const cache = variant.compileCache
          ? { NODE_COMPILE_CACHE: await fillCompileCache(bundle.file, environment) }
          : {};
        return { bundle, environment: { ...variant.environment, ...cache } };
      }),
    ),
  );
  const functionOf = (name: string) => {
    const lambda = BENCHED_FUNCTIONS.find(
      (candidate) => name === candidate.name || name.startsWith(`${candidate.name} (`),
    );
    if (!lambda) throw new Error(`no function for the bundle ${name}`);
    return lambda;
  };
  const tls = await startTlsEndpoints(stack.environment, BUILD_DIR);
  step('cold init: fresh processes, each bundle paired with an empty handler, over HTTPS');
  try {
    const coldInit = await measureColdInit({
      empty: options.empty,
      candidates: [
        ...options.functionBundles.map((bundle) => ({ bundle, environment: {} })),
        ...variantsOf,
      ].map(({ bundle, environment: variantEnvironment }) => ({
        name: bundle.name,
        file: bundle.file,
        invocation: functionOf(bundle.name).invocation,
        environment: { ...functionOf(bundle.name).environment, ...variantEnvironment },
        profiled: options.functionBundles.includes(bundle),
      })),
      inputs: options.inputs,
      env: { ...environment, ...tls.environment },
      runs: SETTINGS.coldRuns,
      profiledRuns: SETTINGS.profiledColdRuns,
      profileRoot: path.join(BUILD_DIR, 'cpu-profiles'),
      track,
      progress: step,
    });
    return { coldInit, variants: variantsOf.map(({ bundle }) => bundle) };
  } finally {
    await tls.close();
  }
}

/** Empties the build folder, whose compile caches are read-only (bench/cold-start-variants.ts). */
async function clearBuildDir(): Promise<void> {
  await new Promise((resolve) => {
    execFile('chmod', ['-R', 'u+w', BUILD_DIR], () => resolve(undefined));
  });
  await rm(BUILD_DIR, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg()[0] ?? 0;
  step(QUICK ? 'quick mode' : 'full run');
  await clearBuildDir();
  await mkdir(BUILD_DIR, { recursive: true });

  step('bundling as infra/constructs/service-function.ts does');
  const [empty, ...functionBundles] = await Promise.all([
    bundleLambda(EMPTY_FUNCTION.name, EMPTY_FUNCTION.entry),
    ...BENCHED_FUNCTIONS.map((lambda) => bundleLambda(lambda.name, lambda.entry)),
  ]);
  const bundleOf = (name: string) => {
    const bundle = functionBundles.find((candidate) => candidate.name === name);
    if (!bundle) throw new Error(`no bundle named ${name}`);
    return bundle;
  };
  const profile = bundleOf('profile-http');
  const authorizer = bundleOf('authorizer');
  step('starting the embedded stack');
  const stack = await startLocalStack({
    port: 0,
    workerOutput: 'ignore',
    // The demo directory plus 50 contacts for the batch measurements.
    environment: { WA_DIRECTORY_FILE: await writeBatchDirectory(BUILD_DIR) },
    // The bench measures our code, not the tenant usage plan: limits it never reaches.
    usagePlan: UNBOUNDED_USAGE_PLAN,
  });
  // The bench's own clients (and the echo worker it spawns) are configured like a function's:
  // from the SDK's standard variables, here pointing at the embedded stack.
  Object.assign(process.env, stack.environment);
  let host: ChildProcess | undefined;
  let workerStopped: Promise<void> = Promise.resolve();
  let overBudget: string[] = [];
  let batchRoundTrips: number | undefined;
  try {
    const { token, identity } = await issueBenchToken(stack);

    step('live path: SQS request/reply to the worker');
    const { livePath, breakdown } = await measureLivePath(stack);

    step('batch: 50 uncached contacts through the worker, then 50 cached in one call vs 50 calls');
    const batch = await measureBatchLookups(stack, { iterations: SETTINGS.batchIterations });
    batchRoundTrips = batch.workerRoundTrips;
    console.log(
      `batch of ${batch.contacts}: cached ${batch.cachedBatchP50Ms} ms vs ${batch.fiftySingleCallsP50Ms} ms for single calls (x${batch.singlesOverBatch}); uncached ${batch.uncachedBatchMs} ms in ${batch.workerRoundTrips} worker round trip(s)`,
    );
    // Cache hits never reach the worker: let it finish its graceful stop (a long poll) meanwhile.
    workerStopped = stack.stopWorker();

    step('cached path: in-process handlers against a raw GetItem');
    const started = await startHandlerHost(stack, {
      profileBundle: profile.file,
      authorizerBundle: authorizer.file,
      token,
      identity,
      jid: CONTACT_JID,
      warmupIterations: SETTINGS.ratioWarmup,
      iterations: SETTINGS.ratioIterations,
    });
    host = started.host;
    const hostReport = started.report;

    step('cached path: HTTP through the local gateway at c1 and c32');
    const c1 = await loadGateway(hostReport.gatewayUrl, token, 1);
    const c32 = await loadGateway(hostReport.gatewayUrl, token, 32);
    host.disconnect();
    await once(host, 'exit');
    host = undefined;

    const coldLoadAtStart = os.loadavg()[0] ?? 0;
    const { coldInit, variants } = await measureColdStarts(stack, {
      empty,
      functionBundles,
      inputs: { token, identity, jid: CONTACT_JID },
    });
    const coldRun = coldInitRun(coldInit, coldLoadAtStart);

    step('session capacity: WhatsApp sessions per worker task');
    const sessionCapacity = await measureSessionCapacity(SESSION_CAPACITY, track, step);
    step('change notifications: lookups saved, CPU per notification');
    const changeNotifications = await measureChangeNotifications(CHANGE_NOTIFICATIONS);

    const results: BenchResults = benchResultsSchema.parse({
      cachedHit: {
        handlerOverRawGetItem: hostReport.handlerOverRawGetItem,
        gateway: { c1, c32 },
      },
      batch,
      livePath,
      functions: Object.fromEntries(
        BENCHED_FUNCTIONS.map((lambda) => {
          const bundle = bundleOf(lambda.name);
          const cold = coldInit.functions.find((result) => result.name === lambda.name);
          return [
            lambda.name,
            {
              bundleKb: bundle.kb,
              budgetKb: lambda.budgetKb,
              overBudget: bundle.kb > lambda.budgetKb,
              coldInit: cold && coldInitFigures(cold),
            },
          ];
        }),
      ),
      coldInitBaseline: coldInit.empty,
      coldInitVariants: variantFigures(coldInit),
      coldInitRun: coldRun,
      sessionCapacity: withoutSamples(sessionCapacity),
      changeNotifications,
      machine: machine(loadAtStart),
      date: new Date().toISOString(),
    });
    overBudget = Object.entries(results.functions)
      .filter(([, result]) => result.overBudget)
      .map(([name, result]) => `${name} ${result.bundleKb} KB > ${result.budgetKb} KB`);
    await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    if (!QUICK) await writeBenchDocuments(REPO_ROOT, results);
    printReport({
      results,
      hostReport,
      breakdown,
      bundles: [...functionBundles, ...variants],
      coldInit,
      quick: QUICK,
      resultsFile: path.relative(REPO_ROOT, RESULTS_FILE),
    });
    printSessionCapacity(sessionCapacity);
    printChangeNotifications(changeNotifications);
  } finally {
    if (host?.connected) host.disconnect();
    step('stopping the embedded stack');
    await workerStopped;
    await stack.stop();
  }
  step('done');
  // Too long for this run (and for CI): its own script, its figures merged into results.json.
  if (!QUICK) {
    step(
      'the worker at the claimed session count and the reconnect storms: npm run bench:capacity',
    );
  }
  if (batchRoundTrips !== 1) {
    console.error(`bench: 50 uncached contacts took ${batchRoundTrips} worker round trips, not 1`);
    process.exitCode = 1;
  }
  // Sizes are deterministic for a lockfile, so a budget can gate (timings are never gated).
  if (overBudget.length > 0) {
    console.error(`bench: bundle over its budget: ${overBudget.join('; ')}`);
    process.exitCode = 1;
  }
}

function withoutSamples<T extends { samples: unknown }>(capacity: T): Omit<T, 'samples'> {
  const { samples: _samples, ...figures } = capacity;
  return figures;
}

/** `--sessions`: measures session capacity alone and updates that part of the results file. */
async function sessionsOnly(): Promise<void> {
  step('session capacity only');
  const existing = benchResultsSchema.parse(JSON.parse(await readFile(RESULTS_FILE, 'utf8')));
  const sessionCapacity = await measureSessionCapacity(SESSION_CAPACITY, track, step);
  const results: BenchResults = benchResultsSchema.parse({
    ...existing,
    sessionCapacity: withoutSamples(sessionCapacity),
  });
  await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  if (!QUICK) await writeBenchDocuments(REPO_ROOT, results);
  printSessionCapacity(sessionCapacity);
  step('done');
}

/** `--cold`: measures cold init (and its variants) alone and updates that part of the results. */
async function coldOnly(): Promise<void> {
  const loadAtStart = os.loadavg()[0] ?? 0;
  step('cold init only');
  // Checked as a whole once merged: an older file may hold the cold-init figures' older shape.
  const existing = JSON.parse(await readFile(RESULTS_FILE, 'utf8')) as BenchResults;
  await clearBuildDir();
  await mkdir(BUILD_DIR, { recursive: true });
  const [empty, ...functionBundles] = await Promise.all([
    bundleLambda(EMPTY_FUNCTION.name, EMPTY_FUNCTION.entry),
    ...COLD_FUNCTIONS.map((lambda) => bundleLambda(lambda.name, lambda.entry)),
  ]);
  if (!empty) throw new Error('the empty handler did not build');
  const stack = await startLocalStack({ port: 0, workerOutput: 'ignore' });
  Object.assign(process.env, stack.environment);
  try {
    const { token, identity } = await issueBenchToken(stack);
    await cacheTheContact(stack);
    await stack.stopWorker();
    const { coldInit, variants } = await measureColdStarts(stack, {
      empty,
      functionBundles,
      inputs: { token, identity, jid: CONTACT_JID },
    });
    const results: BenchResults = benchResultsSchema.parse({
      ...existing,
      functions: Object.fromEntries(
        BENCHED_FUNCTIONS.map((lambda) => {
          const cold = coldInit.functions.find((candidate) => candidate.name === lambda.name);
          const bundle = functionBundles.find((candidate) => candidate.name === lambda.name);
          return [
            lambda.name,
            {
              ...existing.functions[lambda.name],
              budgetKb: lambda.budgetKb,
              ...(bundle ? { bundleKb: bundle.kb, overBudget: bundle.kb > lambda.budgetKb } : {}),
              ...(cold ? { coldInit: coldInitFigures(cold) } : {}),
            },
          ];
        }),
      ),
      coldInitBaseline: coldInit.empty,
      coldInitVariants: variantFigures(coldInit),
      coldInitRun: coldInitRun(coldInit, loadAtStart),
    });
    // A partial run's figures share no run with the others': never merged into the results.
    await writeFile(
      PARTIAL_COLD_RUN ? path.join(BUILD_DIR, 'results.cold-partial.json') : RESULTS_FILE,
      `${JSON.stringify(results, null, 2)}\n`,
    );
    if (!QUICK && !PARTIAL_COLD_RUN) await writeBenchDocuments(REPO_ROOT, results);
    printColdInit(coldInit, [...functionBundles, ...variants]);
  } finally {
    await stack.stop();
  }
  step('done');
}

await (flags.notifications
  ? changeNotificationsOnly({ quick: QUICK, resultsFile: RESULTS_FILE, repoRoot: REPO_ROOT, step })
  : SESSIONS_ONLY
    ? sessionsOnly()
    : COLD_ONLY
      ? coldOnly()
      : main());
clearTimeout(budget);
