import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayRequestAuthorizerEvent,
} from 'aws-lambda';
import { contactCacheKey } from '../functions/domain/contact/contact-query.ts';
import { sessionKey } from '../functions/domain/session/session-identity.ts';
import { startLocalGateway } from '../functions/local/local-gateway.ts';
import { createDynamoDbClient } from '../functions/platform/aws-clients.ts';
import {
  allowedContext,
  authorizerEvent,
  bearerHeaders,
  proxyEvent,
} from '../test/support/lambda/api-gateway-events.ts';
import { lambdaContext } from '../test/support/lambda/lambda-context.ts';
import { median, roundTo } from './sample-statistics.ts';
import { UNBOUNDED_USAGE_PLAN } from './unbounded-usage-plan.ts';

/** The bench's functions count down from 15 s, as Lambda's would from their timeout. */
const BENCH_TIMEOUT_MS = 15_000;

/**
 * Child process of the bench that plays the Lambda execution environments: it loads the
 * esbuild bundles (as Lambda would, with the environment the parent passes and Powertools at
 * its default level, stdout discarded), measures one cached request against one raw GetItem,
 * then serves the bundles through the local gateway for the HTTP load generator.
 */

export interface HandlerHostRequest {
  profileBundle: string;
  authorizerBundle: string;
  token: string;
  identity: { tenantId: string; userId: string; tokenId: string };
  jid: string;
  warmupIterations: number;
  iterations: number;
}

export interface HandlerHostReport {
  rawGetItemMedianMs: number;
  cachedRequestMedianMs: number;
  authorizerMedianMs: number;
  handlerOverRawGetItem: number;
  iterations: number;
  gatewayUrl: string;
}

type Lambda<Event, Result> = (
  event: Event,
  context: ReturnType<typeof lambdaContext>,
) => Promise<Result>;

async function loadHandler<Event, Result>(file: string): Promise<Lambda<Event, Result>> {
  // As the Lambda runtime loads a handler: require() for CommonJS, import() for an ES module.
  const module = (
    file.endsWith('.cjs')
      ? createRequire(import.meta.url)(file)
      : await import(pathToFileURL(file).href)
  ) as { handler: Lambda<Event, Result> };
  return module.handler;
}

async function run(request: HandlerHostRequest): Promise<HandlerHostReport> {
  const authorizer = await loadHandler<
    APIGatewayRequestAuthorizerEvent,
    APIGatewayAuthorizerResult
  >(request.authorizerBundle);
  const profile = await loadHandler<APIGatewayProxyEvent, APIGatewayProxyResult>(
    request.profileBundle,
  );
  const query = { jid: request.jid };
  const headers = bearerHeaders(request.token);
  const authEvent = authorizerEvent({ headers, query });
  const profileEvent = proxyEvent({
    headers,
    query,
    authorizer: allowedContext(request.identity),
  });

  // The same item the handler reads, through a client configured like the functions' own.
  const dynamoDb = createDynamoDbClient();
  const tableName = process.env.CACHE_TABLE_NAME;
  const rawGetItem = new GetItemCommand({
    TableName: tableName,
    Key: {
      sessionKey: { S: sessionKey(request.identity) },
      contactKey: { S: contactCacheKey({ kind: 'jid', jid: request.jid }) },
    },
  });

  const timeRaw = async () => {
    const started = performance.now();
    const result = await dynamoDb.send(rawGetItem);
    const elapsed = performance.now() - started;
    if (!result.Item) throw new Error('the cached item is missing: the raw GetItem found nothing');
    return elapsed;
  };
  const timeCached = async () => {
    // A fresh invocation context each time: middy reads the remaining time from it.
    const authorizerContext = lambdaContext('authorizer', BENCH_TIMEOUT_MS);
    const profileContext = lambdaContext('profile', BENCH_TIMEOUT_MS);
    const started = performance.now();
    const decision = await authorizer(authEvent, authorizerContext);
    const authorized = performance.now();
    const response = await profile(profileEvent, profileContext);
    const elapsed = performance.now() - started;
    if (decision.policyDocument.Statement[0]?.Effect !== 'Allow') {
      throw new Error('the authorizer denied the bench token');
    }
    if (response.statusCode !== 200 || response.headers?.['X-Cache'] !== 'HIT') {
      throw new Error(
        `expected a cached 200, got ${response.statusCode} X-Cache=${response.headers?.['X-Cache']}`,
      );
    }
    return { elapsed, authorizerMs: authorized - started };
  };

  for (let index = 0; index < request.warmupIterations; index++) {
    await timeRaw();
    await timeCached();
  }
  const raw: number[] = [];
  const cached: number[] = [];
  const authorizerOnly: number[] = [];
  for (let index = 0; index < request.iterations; index++) {
    // Alternate the order so neither side always runs right after the other.
    if (index % 2 === 0) raw.push(await timeRaw());
    const { elapsed, authorizerMs } = await timeCached();
    cached.push(elapsed);
    authorizerOnly.push(authorizerMs);
    if (index % 2 === 1) raw.push(await timeRaw());
  }
  dynamoDb.destroy();

  const gateway = await startLocalGateway({
    authorizer,
    functions: { contacts: profile, session: profile, console: profile, admin: profile },
    port: 0,
    // The bench measures our code, not the tenant usage plan: limits it never reaches.
    usagePlan: UNBOUNDED_USAGE_PLAN,
  });
  process.once('disconnect', () => {
    gateway.close().then(() => process.exit(0));
  });
  const rawMedian = median(raw);
  const cachedMedian = median(cached);
  return {
    rawGetItemMedianMs: roundTo(rawMedian, 3),
    cachedRequestMedianMs: roundTo(cachedMedian, 3),
    authorizerMedianMs: roundTo(median(authorizerOnly), 3),
    handlerOverRawGetItem: roundTo(cachedMedian / rawMedian, 2),
    iterations: request.iterations,
    gatewayUrl: gateway.url,
  };
}

process.once('message', (message) => {
  run(message as HandlerHostRequest).then(
    (report) => process.send?.({ ok: true, report }),
    (error: unknown) => {
      process.send?.({ ok: false, error: error instanceof Error ? error.stack : String(error) });
      process.exitCode = 1;
      process.disconnect();
    },
  );
});
