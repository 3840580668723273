import { DynamoDbTokenStore } from '../adapters/dynamodb-token-store.ts';
import { createApiToken } from '../cli/api-token-commands.ts';
import { startLocalStack } from './local-stack.ts';
import {
  claimLocalStackFolder,
  LOCAL_DIR,
  LOCAL_DYNAMODB_DIR,
  releaseLocalStackFolder,
  removeLocalStackFile,
  writeLocalStackFile,
} from './local-stack-file.ts';

// `npm start`: the whole product on this machine. Quiet JSON logs unless LOG_LEVEL asks.
process.env.POWERTOOLS_LOG_LEVEL ??= process.env.LOG_LEVEL ?? 'WARN';

const DEMO = { tenantId: 'demo', userId: 'demo-user' } as const;
const DEMO_ADMIN = { tenantId: DEMO.tenantId, userId: 'demo-admin' } as const;
const port = Number(process.env.PORT ?? 3000);

/** A plain sentence and a non-zero exit: these are the user's situation, not a bug of ours. */
function refuseToStart(message: string): never {
  console.error(message);
  process.exit(1);
}

const running = await claimLocalStackFolder();
if (running) {
  const where = running.url
    ? `at ${running.url} (pid ${running.pid})`
    : `(pid ${running.pid}, still starting)`;
  refuseToStart(
    `A local stack is already running in this folder ${where}; stop it first (Ctrl-C in its terminal, or kill ${running.pid}).`,
  );
}

// The claim above keeps a second `npm start` out; another program holding the DynamoDB data
// (dynalite fails inside its own request handler, out of reach of a try/catch) is told plainly.
const onStartUpCrash = (error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(
    `The local stack could not start: ${reason}. Is another process using ${LOCAL_DIR}?`,
  );
  void releaseLocalStackFolder().finally(() => process.exit(1));
};
process.once('uncaughtException', onStartUpCrash);

const stack = await startLocalStack({
  port,
  dynamoDbPath: LOCAL_DYNAMODB_DIR,
  shardCount: Number(process.env.SHARD_COUNT ?? 1),
  // As ECS restarts the worker service's task on AWS.
  restartWorker: true,
  environment: Object.fromEntries(
    [
      'WA_BACKEND',
      'WA_DIRECTORY_FILE',
      'LIVE_LOOKUP_DEADLINE_MS',
      'CACHE_FRESH_SECONDS',
      'CACHE_MAX_STALE_SECONDS',
    ]
      .filter((name) => process.env[name] !== undefined)
      .map((name) => [name, process.env[name] as string]),
  ),
}).catch((error: unknown) => {
  onStartUpCrash(error);
  return new Promise<never>(() => undefined); // exiting
});
await writeLocalStackFile({ url: stack.url, pid: process.pid, environment: stack.environment });
process.off('uncaughtException', onStartUpCrash);

const tokens = new DynamoDbTokenStore({
  client: stack.dynamoDb,
  tableName: stack.resources.tokensTableName,
});
const example = `${stack.url}/contacts/profile?jid=5511999999999%40s.whatsapp.net`;
if ((await tokens.listByTenant(DEMO.tenantId)).length === 0) {
  const { token } = await createApiToken(tokens, { ...DEMO, label: 'created by npm start' });
  const admin = await createApiToken(tokens, {
    ...DEMO_ADMIN,
    label: 'created by npm start',
    role: 'admin',
  });
  console.log(
    `Created a demo token for tenant "${DEMO.tenantId}", user "${DEMO.userId}" (shown once):`,
  );
  console.log(`  ${token}`);
  console.log(
    `Created an admin token for tenant "${DEMO.tenantId}" (tokens, sessions, webhook; shown once):`,
  );
  console.log(`  ${admin.token}`);
  console.log('Try it:');
  console.log(`  curl -s -H "Authorization: Bearer ${token}" "${example}"`);
  console.log(`  curl -s -H "Authorization: Bearer ${admin.token}" "${stack.url}/admin/tokens"`);
} else {
  console.log('Demo tokens exist already. Create another with:');
  console.log(`  npm run token -- create --tenant ${DEMO.tenantId} --user ${DEMO.userId}`);
  console.log('Then:');
  console.log(`  curl -s -H "Authorization: Bearer <token>" "${example}"`);
}
console.log(`The console: open ${stack.url}/ in a browser and sign in with a token.`);
console.log(
  `Local stack ready: ${stack.url} (DynamoDB ${stack.endpoints.dynamoDbEndpoint}, SQS ${stack.endpoints.sqsEndpoint}). Ctrl-C stops it.`,
);

let stopping = false;
async function shutDown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('Stopping the local stack...');
  await removeLocalStackFile();
  await stack.stop();
  await releaseLocalStackFolder();
  console.log('Stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void shutDown());
process.on('SIGTERM', () => void shutDown());
