import type { Logger } from '@aws-lambda-powertools/logger';
import type { proto } from 'baileys';
import { SessionStatusStore } from '../../functions/adapters/dynamodb-session-status-store.ts';
import type { SessionIdentity } from '../../functions/domain/session/session-identity.ts';
import { DynamoDbAuthStateStore } from '../../functions/whatsapp/dynamodb-auth-state-store.ts';
import { createPairingSession } from '../../functions/whatsapp/pairing-session.ts';
import type { SessionEvent, WhatsAppSession } from '../../functions/whatsapp/whatsapp-session.ts';
import type { SessionsTable } from './sessions-table.ts';

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
  const authStore = new DynamoDbAuthStateStore({
    client: table.client,
    tableName: table.tableName,
    identity,
  });
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
    authStore: new DynamoDbAuthStateStore({
      client: table.client,
      tableName: table.tableName,
      identity,
    }),
    statusStore: new SessionStatusStore({ client: table.client, tableName: table.tableName }),
    webSocketUrl: options.webSocketUrl,
    logger: options.logger,
    connectTimeoutMs: 5_000,
    onEvent: (event) => options.events.push(event),
  });
}
