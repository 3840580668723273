import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDbTokenStore } from '../../../functions/adapters/dynamodb-token-store.ts';
import { createApiToken } from '../../../functions/cli/api-token-commands.ts';
import {
  type LocalStack,
  type LocalStackOptions,
  startLocalStack,
} from '../../../functions/local/local-stack.ts';
import { shardLeaseKey } from '../../../functions/resources/sessions-table-keys.ts';
import type { TenantUsagePlan } from '../../../functions/resources/tenant-usage-plan.ts';

/**
 * A usage plan no test reaches, for suites about something else than fair use that send many
 * requests in a burst (hostile-input properties, polling a pairing); the others keep the
 * deployed defaults.
 */
export const UNREACHED_USAGE_PLAN: TenantUsagePlan = {
  throttleRateLimit: 100_000,
  throttleBurstLimit: 100_000,
};

/** What tests run over HTTP against: a local stack, its token store and one user's live token. */
export interface LocalStackWithToken {
  stack: LocalStack;
  tokens: DynamoDbTokenStore;
  token: string;
}

/**
 * Starts a local stack on a free port (worker output ignored) with `environment`, and issues a
 * token for `user` (acme/alice unless given), as `npm start` and `npm run token` would.
 */
export async function startLocalStackWithToken(
  environment: Record<string, string> = {},
  user: { tenantId: string; userId: string } = { tenantId: 'acme', userId: 'alice' },
  options: Pick<LocalStackOptions, 'workerEntry' | 'restartWorker' | 'log' | 'usagePlan'> = {},
): Promise<LocalStackWithToken> {
  const stack = await startLocalStack({ port: 0, workerOutput: 'ignore', environment, ...options });
  const tokens = new DynamoDbTokenStore({
    client: stack.dynamoDb,
    tableName: stack.resources.tokensTableName,
  });
  const { token } = await createApiToken(tokens, user);
  return { stack, tokens, token };
}

/** The worker entry that trusts the WhatsApp stand-in's root key instead of WhatsApp's. */
export const WORKER_TRUSTING_TEST_ROOT = new URL(
  '../whatsapp/worker-trusting-test-root.ts',
  import.meta.url,
).pathname;

/**
 * A local stack whose worker talks to the WhatsApp stand-in (its URL, trusting its root key),
 * with acme/alice's token.
 */
export function startLocalStackOnStandIn(
  whatsApp: { url: string; rootPublicKey: Uint8Array },
  options: Pick<LocalStackOptions, 'usagePlan'> = {},
): Promise<LocalStackWithToken> {
  return startLocalStackWithToken(
    {
      WA_WEBSOCKET_URL: whatsApp.url,
      TEST_WHATSAPP_ROOT_KEY: Buffer.from(whatsApp.rootPublicKey).toString('hex'),
    },
    { tenantId: 'acme', userId: 'alice' },
    { workerEntry: WORKER_TRUSTING_TEST_ROOT, ...options },
  );
}

/** Stops a local stack at once: a graceful worker stop would wait out its long polls. */
export async function killLocalStack(stack: LocalStack | undefined): Promise<void> {
  if (stack?.workerPid) process.kill(stack.workerPid, 'SIGKILL');
  await stack?.stop();
}

/**
 * The stack's worker crashes and the lease of `shard` runs out, as it would a lease period
 * after a crash: no worker serves that shard's sessions any more.
 */
export async function crashWorkerAndExpireLease(stack: LocalStack, shard = 0): Promise<void> {
  if (stack.workerPid) process.kill(stack.workerPid, 'SIGKILL');
  await stack.stopWorker();
  await stack.dynamoDb.send(
    new UpdateItemCommand({
      TableName: stack.resources.sessionsTableName,
      Key: shardLeaseKey(shard),
      UpdateExpression: 'SET leaseExpiresAtMs = :past',
      ExpressionAttributeValues: { ':past': { N: '0' } },
    }),
  );
}
