/**
 * The local stack with every log line on (DEBUG), for the log-capture security test: run as a
 * child process, its stdout and stderr (and the worker's, inherited) are what the test reads.
 * Tokens go to the parent over IPC only, never through the captured output.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';

const { startLocalStack } = await import('../../../functions/local/local-stack.ts');
const { DynamoDbTokenStore } = await import('../../../functions/adapters/dynamodb-token-store.ts');
const { createApiToken, revokeApiToken } = await import(
  '../../../functions/cli/api-token-commands.ts'
);

const stack = await startLocalStack({
  port: 0,
  workerOutput: 'inherit',
  environment: { LIVE_LOOKUP_DEADLINE_MS: '3000', POWERTOOLS_LOG_LEVEL: 'DEBUG' },
});
const store = new DynamoDbTokenStore({
  client: stack.dynamoDb,
  tableName: stack.resources.tokensTableName,
});
const alice = await createApiToken(store, { tenantId: 'acme', userId: 'alice', label: 'CRM' });
const bob = await createApiToken(store, { tenantId: 'globex', userId: 'bob' });
const revoked = await createApiToken(store, { tenantId: 'acme', userId: 'carol' });
await revokeApiToken(store, { token: revoked.token });

process.send?.({
  type: 'ready',
  url: stack.url,
  dynamoDbEndpoint: stack.endpoints.dynamoDbEndpoint,
  tables: [
    stack.resources.tokensTableName,
    stack.resources.cacheTableName,
    stack.resources.sessionsTableName,
  ],
  tokensTable: stack.resources.tokensTableName,
  tokens: { alice: alice.token, bob: bob.token, revoked: revoked.token },
});

process.on('message', (message: { type: string }) => {
  const act = async () => {
    if (message.type === 'stop') {
      // A graceful worker stop waits out its long polls; the test has what it needs by now.
      if (stack.workerPid) process.kill(stack.workerPid, 'SIGKILL');
      await stack.stop();
      process.send?.({ type: 'done' }, () => process.exit(0));
      return;
    }
    process.send?.({ type: 'done' });
  };
  void act();
});
