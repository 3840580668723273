import { createApiToken } from '../../../functions/cli/api-token-commands.ts';
import type { LocalStack, LocalStackOptions } from '../../../functions/local/local-stack.ts';
import { callApi } from '../http/api-client.ts';
import type { WhatsAppServerStandIn } from '../whatsapp/server-stand-in.ts';
import { type LocalStackWithToken, startLocalStackWithToken } from './local-stack-with-token.ts';

const WORKER_TRUSTING_TEST_ROOT = new URL(
  '../whatsapp/worker-trusting-test-root.ts',
  import.meta.url,
).pathname;

/**
 * A local stack whose worker talks to the WhatsApp stand-in (and trusts its test root key),
 * with a token for `user` (acme/alice unless given).
 */
export function startLocalStackOnStandIn(
  whatsApp: Pick<WhatsAppServerStandIn, 'url' | 'rootPublicKey'>,
  user: { tenantId: string; userId: string } = { tenantId: 'acme', userId: 'alice' },
  options: Pick<LocalStackOptions, 'usagePlan'> = {},
): Promise<LocalStackWithToken> {
  return startLocalStackWithToken(
    {
      WA_WEBSOCKET_URL: whatsApp.url,
      TEST_WHATSAPP_ROOT_KEY: Buffer.from(whatsApp.rootPublicKey).toString('hex'),
    },
    user,
    { workerEntry: WORKER_TRUSTING_TEST_ROOT, ...options },
  );
}

/** The tenant's admin sets its webhook to `url` (all events); returns the signing secret. */
export async function setTenantWebhook(
  { stack, tokens }: { stack: LocalStack; tokens: LocalStackWithToken['tokens'] },
  url: string,
  tenantId = 'acme',
): Promise<string> {
  const admin = await createApiToken(tokens, { tenantId, userId: 'boss', role: 'admin' });
  const set = await callApi(stack.url, '/admin/webhook', {
    token: admin.token,
    method: 'PUT',
    body: JSON.stringify({ url }),
  });
  if (set.status !== 200) throw new Error(`PUT /admin/webhook answered ${set.status}`);
  return set.body.data.secret as string;
}
