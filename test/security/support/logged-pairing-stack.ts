/**
 * The local stack with every log line on (DEBUG), its worker pointed at the WhatsApp server
 * stand-in, for the pairing-secrets log test: run as a child process, its stdout and stderr (and
 * the worker's, inherited) are what the test reads. Tokens and QR payloads reach the parent over
 * IPC only, never through the captured output.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';

const { startLocalStack } = await import('../../../functions/local/local-stack.ts');
const { DynamoDbTokenStore } = await import('../../../functions/adapters/dynamodb-token-store.ts');
const { createApiToken } = await import('../../../functions/cli/api-token-commands.ts');
const { startWhatsAppServerStandIn } = await import('../../support/whatsapp/server-stand-in.ts');

const whatsApp = await startWhatsAppServerStandIn();
const stack = await startLocalStack({
  port: 0,
  workerOutput: 'inherit',
  workerEntry: new URL('../../support/whatsapp/worker-trusting-test-root.ts', import.meta.url)
    .pathname,
  environment: {
    POWERTOOLS_LOG_LEVEL: 'DEBUG',
    WA_WEBSOCKET_URL: whatsApp.url,
    TEST_WHATSAPP_ROOT_KEY: Buffer.from(whatsApp.rootPublicKey).toString('hex'),
  },
});
const store = new DynamoDbTokenStore(stack.dynamoDb, stack.resources.tokensTableName);
const alice = await createApiToken(store, { tenantId: 'acme', userId: 'alice' });
const bob = await createApiToken(store, { tenantId: 'acme', userId: 'bob' });

process.send?.({
  type: 'ready',
  url: stack.url,
  tokens: { alice: alice.token, bob: bob.token },
});

process.on('message', (message: { type: string; qr?: string; jid?: string }) => {
  const act = async () => {
    if (message.type === 'scan' && message.qr && message.jid) {
      // The phone scans the QR code: the stand-in links the device (see scanQr).
      await whatsApp.scanQr(message.qr, { jid: message.jid });
      process.send?.({ type: 'done' });
      return;
    }
    if (message.type === 'stop') {
      if (stack.workerPid) process.kill(stack.workerPid, 'SIGKILL');
      await stack.stop();
      await whatsApp.stop();
      process.send?.({ type: 'done' }, () => process.exit(0));
    }
  };
  void act();
});
