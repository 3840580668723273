import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDbTokenStore } from '../functions/adapters/dynamodb-token-store.ts';
import { createApiToken } from '../functions/cli/api-token-commands.ts';
import type { ContactQuery } from '../functions/domain/contact/contact-query.ts';
import type { LocalStack } from '../functions/local/local-stack.ts';
import { createDynamoDbClient, createSqsClient } from '../functions/platform/aws-clients.ts';
import { createContactLookups } from '../functions/profile/create-profile-lookup.ts';
import { readProfileHttpConfig } from '../functions/profile/profile-config.ts';
import { DEMO_DIRECTORY_FILE } from '../functions/whatsapp/offline-directory.ts';
import { percentile, roundTo } from './sample-statistics.ts';

/** POST /contacts/profiles takes at most this many contacts; the bench uses a full batch. */
export const BATCH_SIZE = 50;
const FIRST_BATCH_NUMBER = 5511900000000;

function batchUser(index: number): string {
  return String(FIRST_BATCH_NUMBER + index);
}

/**
 * The demo directory plus BATCH_SIZE more contacts, so one session can ask about 50 distinct
 * contacts through the offline worker. Returns the file to pass as WA_DIRECTORY_FILE.
 */
export async function writeBatchDirectory(folder: string): Promise<string> {
  const demo = JSON.parse(await readFile(DEMO_DIRECTORY_FILE, 'utf8')) as Array<
    Record<string, unknown>
  >;
  const template = demo[0] as { user_info: Record<string, unknown> };
  const extra = Array.from({ length: BATCH_SIZE }, (_, index) => {
    const jid = `${batchUser(index)}@s.whatsapp.net`;
    return {
      ...template,
      jid,
      user_info: { ...template.user_info, Devices: [jid] },
      business_profile: null,
      profile_picture: null,
    };
  });
  const file = path.join(folder, 'batch-directory.json');
  await writeFile(file, JSON.stringify([...demo, ...extra]));
  return file;
}

export interface BatchBenchSettings {
  iterations: number;
}

/**
 * 50 uncached contacts through the offline worker (the use case with the contacts function's
 * own adapters, its SQS client counting SendMessage calls: the worker round trips), then 50
 * cached contacts over HTTP through the local gateway: one POST /contacts/profiles against
 * 50 GET /contacts/profile, in the same run.
 */
export async function measureBatchLookups(stack: LocalStack, settings: BatchBenchSettings) {
  const identity = { tenantId: 'bench-tenant', userId: 'bench-batch-user' };
  const contacts: ContactQuery[] = Array.from({ length: BATCH_SIZE }, (_, index) => ({
    kind: 'number',
    digits: batchUser(index),
  }));

  const sqs = createSqsClient();
  const dynamoDb = createDynamoDbClient();
  let requestsSent = 0;
  sqs.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'SendMessageCommand') requestsSent++;
      return next(args);
    },
    { step: 'initialize', name: 'countWorkerRequests' },
  );
  const lookups = createContactLookups(
    readProfileHttpConfig(stack.environment),
    { sqs, dynamoDb },
    new Logger({ logLevel: 'SILENT' }),
  );
  const uncachedStarted = performance.now();
  const items = await lookups.getContactProfiles({
    identity,
    entries: contacts,
    refresh: false,
    deadline: Date.now() + 10_000,
  });
  const uncachedBatchMs = performance.now() - uncachedStarted;
  const failed = items.filter((item) => !item.ok).length;
  if (failed > 0) throw new Error(`${failed} of the uncached batch's contacts failed`);
  const workerRoundTrips = requestsSent;
  sqs.destroy();
  dynamoDb.destroy();

  // The worker has cached all 50: the same session reads them back over HTTP.
  const { token } = await createApiToken(
    new DynamoDbTokenStore(stack.dynamoDb, stack.resources.tokensTableName),
    identity,
  );
  const headers = { Authorization: `Bearer ${token}` };
  const batchBody = JSON.stringify({
    contacts: contacts.map((contact) => ({ number: (contact as { digits: string }).digits })),
  });
  const oneBatch = async () => {
    const response = await fetch(`${stack.url}/contacts/profiles`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: batchBody,
    });
    const body = (await response.json()) as { data: Array<{ success: boolean }> };
    if (body.data.length !== BATCH_SIZE || body.data.some((item) => !item.success)) {
      throw new Error('the cached batch did not answer every contact');
    }
  };
  const fiftySingles = async () => {
    for (const contact of contacts) {
      const digits = (contact as { digits: string }).digits;
      const response = await fetch(`${stack.url}/contacts/profile?number=${digits}`, { headers });
      await response.arrayBuffer();
      if (response.headers.get('x-cache') !== 'HIT') throw new Error('a single call missed');
    }
  };
  await oneBatch();
  await fiftySingles();
  const batchSamples: number[] = [];
  const singleSamples: number[] = [];
  for (let index = 0; index < settings.iterations; index++) {
    let started = performance.now();
    await oneBatch();
    batchSamples.push(performance.now() - started);
    started = performance.now();
    await fiftySingles();
    singleSamples.push(performance.now() - started);
  }
  const cachedBatchP50Ms = percentile(batchSamples, 50);
  const fiftySingleCallsP50Ms = percentile(singleSamples, 50);
  return {
    contacts: BATCH_SIZE,
    cachedBatchP50Ms: roundTo(cachedBatchP50Ms, 2),
    fiftySingleCallsP50Ms: roundTo(fiftySingleCallsP50Ms, 2),
    singlesOverBatch: roundTo(fiftySingleCallsP50Ms / cachedBatchP50Ms, 2),
    uncachedBatchMs: roundTo(uncachedBatchMs, 2),
    workerRoundTrips,
  };
}

export type BatchLookupResults = Awaited<ReturnType<typeof measureBatchLookups>>;
