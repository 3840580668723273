import type { Logger } from '@aws-lambda-powertools/logger';
import type { proto, UserFacingSocketConfig, WASocket } from 'baileys';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import type { SessionIdentity } from '../../../functions/domain/session/session-identity.ts';
import type { DynamoDbAuthStateStore } from '../../../functions/whatsapp/dynamodb-auth-state-store.ts';
import { createPairingSession } from '../../../functions/whatsapp/pairing-session.ts';
import { createServingSession } from '../../../functions/whatsapp/serving-session.ts';
import type {
  SessionEvent,
  WhatsAppSession,
} from '../../../functions/whatsapp/whatsapp-session.ts';
import type { SessionsTable } from '../aws/sessions-table.ts';
import { testAuthStateStore } from './test-auth-state-store.ts';

/** A signed device identity as WhatsApp hands it over at linking (signatures are filler). */
export function signedDeviceIdentity(details: string): proto.IADVSignedDeviceIdentity {
  return {
    details: Buffer.from(details),
    accountSignatureKey: Buffer.alloc(32, 1),
    accountSignature: Buffer.alloc(64, 2),
    deviceSignature: Buffer.alloc(64, 3),
  };
}

/**
 * Stores a session's credentials as linking leaves them (`me` and the device identity) and
 * returns the auth store over them.
 */
export async function storeLinkedDevice(
  table: Pick<SessionsTable, 'client' | 'tableName'>,
  identity: SessionIdentity,
  me: { id: string; name: string },
  account: proto.IADVSignedDeviceIdentity,
): Promise<DynamoDbAuthStateStore> {
  const authStore = testAuthStateStore(table, identity);
  const { state, saveCreds } = await authStore.load();
  state.creds.me = me;
  state.creds.account = account;
  await saveCreds();
  return authStore;
}

/** A pairing session for `identity` against `webSocketUrl`, its events kept in `events`. */
export function pairingSession(
  table: Pick<SessionsTable, 'client' | 'tableName'>,
  identity: SessionIdentity,
  options: { webSocketUrl: string; logger: Logger; events: SessionEvent[] },
): WhatsAppSession {
  return createPairingSession({
    identity,
    authStore: testAuthStateStore(table, identity),
    statusStore: new SessionStatusStore({ client: table.client, tableName: table.tableName }),
    webSocketUrl: options.webSocketUrl,
    logger: options.logger,
    connectTimeoutMs: 5_000,
    onEvent: (event) => options.events.push(event),
  });
}

/**
 * A serving session of a device linked as `meId` (credentials stored as linking leaves them),
 * registered with `server` so that it may log in there, started; its events kept in `events`.
 * `companion` is `meId` without its server (`user:device`), as the stand-in records it.
 */
export async function linkedServingSession(
  table: Pick<SessionsTable, 'client' | 'tableName'>,
  server: { url: string; register(meId: string): void },
  options: {
    identity: SessionIdentity;
    meId: string;
    logger: Logger;
    backoff: { baseMs: number; maxMs: number };
    makeSocket?: (config: UserFacingSocketConfig) => WASocket;
  },
) {
  const authStore = await storeLinkedDevice(
    table,
    options.identity,
    { id: options.meId, name: 'Ana' },
    signedDeviceIdentity('loopback-device'),
  );
  server.register(options.meId);
  const events: SessionEvent[] = [];
  const session = createServingSession({
    identity: options.identity,
    authStore,
    statusStore: new SessionStatusStore({ client: table.client, tableName: table.tableName }),
    webSocketUrl: server.url,
    logger: options.logger,
    backoff: options.backoff,
    connectTimeoutMs: 5_000,
    onEvent: (event) => events.push(event),
    ...(options.makeSocket && { makeSocket: options.makeSocket }),
  });
  await session.start();
  return { session, events, companion: options.meId.replace(/@.*/, '') };
}
