import { createApiToken } from '../../../functions/cli/api-token-commands.ts';
import type { LocalStack } from '../../../functions/local/local-stack.ts';
import { callApi } from '../http/api-client.ts';
import type { LocalStackWithToken } from './local-stack-with-token.ts';

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
