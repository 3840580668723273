import { DynamoDbPairingAttempts } from '../adapters/dynamodb-pairing-attempts.ts';
import { SessionStatusStore } from '../adapters/dynamodb-session-status-store.ts';
import { DynamoDbTokenStore } from '../adapters/dynamodb-token-store.ts';
import { DynamoDbWebhookStore } from '../adapters/dynamodb-webhook-store.ts';
import { wireSecretSealer } from '../adapters/wire-webhook-settings.ts';
import {
  ADMIN_SESSIONS_PATH,
  ADMIN_TOKEN_PATH,
  ADMIN_TOKENS_PATH,
  ADMIN_WEBHOOK_PATH,
} from '../api/api-routes.ts';
import { routeDispatcher } from '../api/http-route.ts';
import { NotFoundError } from '../domain/errors/app-errors.ts';
import type { AwsClients } from '../platform/aws-clients.ts';
import { createLogger } from '../platform/logger.ts';
import type { AdminConfig } from './admin-config.ts';
import { type AdminRouteHandler, adminRoute } from './admin-route.ts';
import { createTokenRoute } from './create-token/create-token-route.ts';
import { createCreateUserToken } from './create-token/create-user-token.ts';
import { deleteWebhookRoute } from './delete-webhook/delete-webhook-route.ts';
import { getWebhookRoute } from './get-webhook/get-webhook-route.ts';
import { listSessionsRoute } from './list-sessions/list-sessions-route.ts';
import { createListTenantSessions } from './list-sessions/list-tenant-sessions.ts';
import { listTokensRoute } from './list-tokens/list-tokens-route.ts';
import { createListUserTokens } from './list-tokens/list-user-tokens.ts';
import { revokeTokenRoute } from './revoke-token/revoke-token-route.ts';
import { createRevokeUserToken } from './revoke-token/revoke-user-token.ts';
import { createSetWebhook } from './set-webhook/set-webhook.ts';
import { setWebhookRoute } from './set-webhook/set-webhook-route.ts';

/** `<METHOD> <resource>` of each admin route, to its handler. */
export type AdminRoutes = Record<string, AdminRouteHandler>;

/**
 * The admin function: one Lambda for the admin routes (they share the tokens, sessions and
 * webhooks tables). Any other method on their paths is a 404 envelope.
 */
export function createAdminHttpHandler(routes: AdminRoutes, notFound: AdminRouteHandler) {
  return routeDispatcher(routes, notFound);
}

/** The admin function on its real adapters. */
export function wireAdminHttpHandler(config: AdminConfig, clients: AwsClients) {
  const logger = createLogger('admin');
  const tokens = new DynamoDbTokenStore({
    client: clients.dynamoDb,
    tableName: config.TOKENS_TABLE_NAME,
  });
  const webhooks = new DynamoDbWebhookStore({
    client: clients.dynamoDb,
    tableName: config.WEBHOOKS_TABLE_NAME,
  });
  const policy = { allowLoopbackHttp: config.WEBHOOK_ALLOW_LOOPBACK_HTTP === 'true' };
  const routes: AdminRoutes = {
    [`POST ${ADMIN_TOKENS_PATH}`]: createTokenRoute({
      createUserToken: createCreateUserToken({ tokens }),
      logger,
    }),
    [`GET ${ADMIN_TOKENS_PATH}`]: listTokensRoute({
      listUserTokens: createListUserTokens({ tokens }),
      logger,
    }),
    [`DELETE ${ADMIN_TOKEN_PATH}`]: revokeTokenRoute({
      revokeUserToken: createRevokeUserToken({ tokens }),
      logger,
    }),
    [`GET ${ADMIN_SESSIONS_PATH}`]: listSessionsRoute({
      listTenantSessions: createListTenantSessions({
        tokens,
        statuses: new SessionStatusStore({
          client: clients.dynamoDb,
          tableName: config.SESSIONS_TABLE_NAME,
        }),
        attempts: new DynamoDbPairingAttempts({
          client: clients.dynamoDb,
          tableName: config.SESSIONS_TABLE_NAME,
        }),
      }),
      logger,
    }),
    [`PUT ${ADMIN_WEBHOOK_PATH}`]: setWebhookRoute({
      setWebhook: createSetWebhook({ webhooks, sealer: wireSecretSealer(config), policy }),
      logger,
    }),
    [`GET ${ADMIN_WEBHOOK_PATH}`]: getWebhookRoute({ webhooks, logger }),
    [`DELETE ${ADMIN_WEBHOOK_PATH}`]: deleteWebhookRoute({ webhooks, logger }),
  };
  const notFound = adminRoute(logger, 'not-found', async (event) => {
    throw new NotFoundError(`no route for ${event.httpMethod} ${event.path}`);
  });
  return createAdminHttpHandler(routes, notFound);
}
