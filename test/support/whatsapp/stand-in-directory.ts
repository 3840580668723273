import type { Logger } from '@aws-lambda-powertools/logger';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import { errorResponseFor } from '../../../functions/api/error-envelope.ts';
import type { SessionIdentity } from '../../../functions/domain/session/session-identity.ts';
import { parseEnvironment } from '../../../functions/platform/parse-environment.ts';
import type { ContactChangeListener } from '../../../functions/ports/contact-changes.ts';
import { baileysEnvironmentShape } from '../../../functions/whatsapp/baileys-directory-config.ts';
import type { SessionsTable } from '../aws/sessions-table.ts';
import { wireBaileysBackend } from './baileys-backend.ts';
import { signedDeviceIdentity, storeLinkedDevice } from './linked-device.ts';
import type { WhatsAppServerStandIn } from './server-stand-in.ts';

/**
 * The worker's real WhatsApp side (createBaileysBackend: sessions, budget, single-flight,
 * pairing, logout, Baileys' own sockets) against the stand-in, on a real sessions table. What a
 * lookup answers is read as the API would answer it: the error through the one error envelope.
 */
export function standInBackend(
  table: Pick<SessionsTable, 'client' | 'tableName'>,
  whatsApp: Pick<WhatsAppServerStandIn, 'url'>,
  options: {
    logger: Logger;
    environment?: Record<string, string>;
    contactChanges?: ContactChangeListener;
  },
) {
  return wireBaileysBackend(
    parseEnvironment(baileysEnvironmentShape, {
      WA_WEBSOCKET_URL: whatsApp.url,
      WA_CONNECT_WAIT_MS: '5000',
      WA_QUERY_TIMEOUT_MS: '1500',
      WA_LIVE_LOOKUP_BURST: '1000',
      WA_LIVE_LOOKUP_PER_MINUTE: '1000',
      ...options.environment,
    }),
    {
      dynamoDb: table.client,
      sessionsTableName: table.tableName,
      shardCount: 1,
      logger: options.logger,
      leases: { holds: () => true, fencingToken: () => 1 },
      ...(options.contactChanges && { contactChanges: options.contactChanges }),
    },
  );
}

let linkedCount = 0;

/**
 * A session whose device is linked to an account the stand-in knows (credentials as linking
 * leaves them, status paired). `companion` is the stand-in's key for its connections.
 */
export async function linkedSessionOnStandIn(
  table: Pick<SessionsTable, 'client' | 'tableName'>,
  whatsApp: Pick<WhatsAppServerStandIn, 'register'>,
  tenantId = 'acme',
): Promise<{ identity: SessionIdentity; meId: string; companion: string }> {
  linkedCount += 1;
  const identity = { tenantId, userId: `linked-${process.pid}-${linkedCount}` };
  const meId = `55119${String(70_000_000 + linkedCount)}:3@s.whatsapp.net`;
  await storeLinkedDevice(table, identity, { id: meId, name: 'Ana' }, signedDeviceIdentity('d'));
  whatsApp.register(meId);
  await new SessionStatusStore(table).put(identity, { state: 'paired', reason: 'test' });
  return { identity, meId, companion: meId.replace(/@.*/, '') };
}

/** What the API answers for a failed lookup: the status, the error code, and Retry-After. */
export function apiAnswerFor(error: unknown): {
  status: number;
  error_code: string;
  retryAfter?: string;
} {
  const response = errorResponseFor(error);
  const body = JSON.parse(response.body) as { error_code: string };
  const retryAfter = response.headers?.['Retry-After'];
  return {
    status: response.statusCode,
    error_code: body.error_code,
    ...(retryAfter !== undefined && { retryAfter: String(retryAfter) }),
  };
}
