import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ApiGatewayUsageKeyRegistry } from '../adapters/api-gateway-usage-key-registry.ts';
import { DynamoDbTenantUsageKeys } from '../adapters/dynamodb-tenant-usage-keys.ts';
import { DynamoDbTokenStore } from '../adapters/dynamodb-token-store.ts';
import type { UsageKeyRegistry } from '../ports/tenant-usage-keys.ts';
import { TOKENS_TABLE } from '../resources/table-definitions.ts';
import { createApiToken, registerTenantUsageKey, revokeApiToken } from './api-token-commands.ts';
import { resolveCliTarget } from './cli-target.ts';
import { failWithUsage, parseCommandLine, runCli } from './run-cli.ts';

const USAGE = `Usage:
  npm run token -- create --tenant <id> --user <id> [--label <text>] [--role user|admin]
  npm run token -- list --tenant <id>
  npm run token -- revoke <token>
  npm run token -- revoke --tenant <id> --id <tokenId>
  npm run token -- usage-key --tenant <id>

Acts on the running local stack (npm start), or on AWS when TOKENS_TABLE_NAME is set (then
USAGE_PLAN_ID too: a tenant's first token makes its API key in that usage plan; usage-key
does it for a tenant whose tokens are older than its key).`;

const USAGE_PLAN_ID = 'USAGE_PLAN_ID';

/** On AWS, the tenant usage plan's API keys; locally none (the local gateway needs none). */
function usageKeyRegistry(target: 'aws' | 'local'): UsageKeyRegistry | undefined {
  if (target === 'local') return undefined;
  const usagePlanId = process.env[USAGE_PLAN_ID];
  if (!usagePlanId) {
    fail(`${USAGE_PLAN_ID} is not set: take it from the API stack's UsagePlanId output`);
  }
  return new ApiGatewayUsageKeyRegistry({ client: new APIGatewayClient({}), usagePlanId });
}

function fail(message: string): never {
  return failWithUsage(message, USAGE);
}

async function main(): Promise<void> {
  const commandLine = parseCommandLine(USAGE, ['tenant', 'user', 'label', 'id', 'role']);
  if (!commandLine) return;
  const {
    command,
    operands: [argument],
    values,
  } = commandLine;
  const target = await resolveCliTarget(TOKENS_TABLE.envVar);
  const tables = {
    client: new DynamoDBClient({}),
    tableName: process.env[TOKENS_TABLE.envVar] as string,
  };
  const store = new DynamoDbTokenStore(tables);
  const usageKeys = new DynamoDbTenantUsageKeys(tables);
  switch (command) {
    case 'create': {
      if (!values.tenant || !values.user) fail('create needs --tenant and --user');
      const role = values.role ?? 'user';
      if (role !== 'user' && role !== 'admin') fail('--role is user or admin');
      const registry = usageKeyRegistry(target);
      const { token, record } = await createApiToken(store, {
        tenantId: values.tenant,
        userId: values.user,
        ...(values.label ? { label: values.label } : {}),
        role,
      });
      console.log(
        `Created ${record.tokenId} (${role}) for tenant ${record.tenantId}, user ${record.userId} (${target}).`,
      );
      // The token store made the tenant's usage key with its first token; on AWS it becomes
      // an API key of the tenant usage plan (once per tenant).
      const apiKeyId = await registerTenantUsageKey(usageKeys, registry, record.tenantId);
      if (apiKeyId) console.log(`Tenant ${record.tenantId} is counted under API key ${apiKeyId}.`);
      console.log('This is the only time the token is shown; keep it secret:');
      console.log(token);
      return;
    }
    case 'usage-key': {
      if (!values.tenant) fail('usage-key needs --tenant');
      const apiKeyId = await registerTenantUsageKey(
        usageKeys,
        usageKeyRegistry(target),
        values.tenant,
      );
      console.log(
        apiKeyId
          ? `Tenant ${values.tenant} is counted under API key ${apiKeyId} (${target}).`
          : `Tenant ${values.tenant} has its usage key (${target}: the local gateway counts it).`,
      );
      return;
    }
    case 'list': {
      if (!values.tenant) fail('list needs --tenant');
      const records = await store.listByTenant(values.tenant);
      if (records.length === 0) {
        console.log(`No tokens for tenant ${values.tenant}.`);
        return;
      }
      console.table(
        records.map((record) => ({
          id: record.tokenId,
          user: record.userId,
          label: record.label ?? '',
          role: record.role ?? 'user',
          created: record.createdAt,
          revoked: record.revokedAt ?? '',
        })),
      );
      return;
    }
    case 'revoke': {
      const revoked = argument
        ? await revokeApiToken(store, { token: argument })
        : values.tenant && values.id
          ? await revokeApiToken(store, { tenantId: values.tenant, tokenId: values.id })
          : fail('revoke needs a token, or --tenant and --id');
      console.log(
        `Revoked ${revoked.tokenId} (tenant ${revoked.tenantId}, user ${revoked.userId}).`,
      );
      console.log('Authorizers that cached it stop accepting it within 60 seconds.');
      return;
    }
    default:
      fail(`unknown command: ${command}`);
  }
}

runCli('token', main);
