import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbTokenStore } from '../adapters/dynamodb-token-store.ts';
import { TOKENS_TABLE } from '../resources/table-definitions.ts';
import { createApiToken, revokeApiToken } from './api-token-commands.ts';
import { resolveCliTarget } from './cli-target.ts';
import { failWithUsage, parseCommandLine, runCli } from './run-cli.ts';

const USAGE = `Usage:
  npm run token -- create --tenant <id> --user <id> [--label <text>] [--role user|admin]
  npm run token -- list --tenant <id>
  npm run token -- revoke <token>
  npm run token -- revoke --tenant <id> --id <tokenId>

Acts on the running local stack (npm start), or on AWS when TOKENS_TABLE_NAME is set.`;

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
  const store = new DynamoDbTokenStore({
    client: new DynamoDBClient({}),
    tableName: process.env[TOKENS_TABLE.envVar] as string,
  });
  switch (command) {
    case 'create': {
      if (!values.tenant || !values.user) fail('create needs --tenant and --user');
      const role = values.role ?? 'user';
      if (role !== 'user' && role !== 'admin') fail('--role is user or admin');
      const { token, record } = await createApiToken(store, {
        tenantId: values.tenant,
        userId: values.user,
        ...(values.label ? { label: values.label } : {}),
        role,
      });
      console.log(
        `Created ${record.tokenId} (${role}) for tenant ${record.tenantId}, user ${record.userId} (${target}).`,
      );
      console.log('This is the only time the token is shown; keep it secret:');
      console.log(token);
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
