import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbPairingAttempts } from '../../../functions/adapters/dynamodb-pairing-attempts.ts';
import { DynamoDbPictureCache } from '../../../functions/adapters/dynamodb-picture-cache.ts';
import { DynamoDbProfileCache } from '../../../functions/adapters/dynamodb-profile-cache.ts';
import { DynamoDbSessionCacheEraser } from '../../../functions/adapters/dynamodb-session-cache-eraser.ts';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import {
  type SessionIdentity,
  sessionKey,
} from '../../../functions/domain/session/session-identity.ts';
import { parseEnvironment } from '../../../functions/platform/parse-environment.ts';
import { baileysEnvironmentShape } from '../../../functions/whatsapp/baileys-directory-config.ts';
import { createHandleLogoutSession } from '../../../functions/worker/handle-logout-session.ts';
import { useEmbeddedAws } from '../../support/aws/embedded-aws.ts';
import { plainProfile } from '../../support/contacts/seed-profile.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';
import { wireBaileysBackend } from '../../support/whatsapp/baileys-backend.ts';
import { signedDeviceIdentity, storeLinkedDevice } from '../../support/whatsapp/linked-device.ts';
import {
  startWhatsAppServerStandIn,
  trustTestRootKey,
  type WhatsAppServerStandIn,
} from '../../support/whatsapp/server-stand-in.ts';
import { testAuthStateStore } from '../../support/whatsapp/test-auth-state-store.ts';

const logger = silentLogger();
const aws = useEmbeddedAws();
let whatsApp: WhatsAppServerStandIn;
let untrust: () => void;
let counter = 0;

beforeAll(async () => {
  whatsApp = await startWhatsAppServerStandIn();
  untrust = trustTestRootKey(whatsApp.rootPublicKey);
});
afterAll(async () => {
  untrust?.();
  await whatsApp?.stop();
});

const contact = { kind: 'jid', jid: '5511933334444@s.whatsapp.net' } as const;

/** A worker's logout path on real adapters, its Baileys side against the stand-in. */
function logoutWorker() {
  const sessionsTable = { client: aws.dynamoDb, tableName: aws.resources.sessionsTableName };
  const { directory, sessionControl } = wireBaileysBackend(
    parseEnvironment(baileysEnvironmentShape, {
      WA_WEBSOCKET_URL: whatsApp.url,
      WA_CONNECT_WAIT_MS: '5000',
    }),
    {
      dynamoDb: aws.dynamoDb,
      sessionsTableName: sessionsTable.tableName,
      shardCount: 1,
      logger,
      leases: { holds: () => true, fencingToken: () => 1 },
    },
  );
  const handle = createHandleLogoutSession({
    sessionControl,
    attempts: new DynamoDbPairingAttempts({
      client: aws.dynamoDb,
      tableName: sessionsTable.tableName,
    }),
    statuses: new SessionStatusStore(sessionsTable),
    cache: new DynamoDbSessionCacheEraser({
      client: aws.dynamoDb,
      tableName: aws.resources.cacheTableName,
    }),
  });
  const logOut = (identity: SessionIdentity) =>
    handle(
      {
        kind: 'logout-session',
        version: 1,
        correlationId: `logout-${identity.userId}`,
        deadline: Date.now() + 10_000,
        tenantId: identity.tenantId,
        userId: identity.userId,
        replyQueueUrl: 'unused',
      },
      AbortSignal.timeout(10_000),
    );
  return { directory, logOut };
}

/** A session linked to an account the stand-in knows, with its status paired. */
async function linkedSession() {
  counter += 1;
  const identity = { tenantId: 'acme', userId: `logout-${counter}` };
  const meId = `55119876${String(10_000 + counter)}:2@s.whatsapp.net`;
  const table = { client: aws.dynamoDb, tableName: aws.resources.sessionsTableName };
  await storeLinkedDevice(table, identity, { id: meId, name: 'Ana' }, signedDeviceIdentity('d'));
  whatsApp.register(meId);
  await new SessionStatusStore(table).put(identity, { state: 'paired', reason: 'test' });
  return { identity, companion: meId.replace(/@.*/, '') };
}

/** A profile and a picture cached for the session. */
async function seedCache(identity: SessionIdentity) {
  const now = Date.now();
  const table = aws.resources.cacheTableName;
  await new DynamoDbProfileCache({
    client: aws.dynamoDb,
    tableName: table,
    retentionSeconds: 3600,
  }).put(identity, contact, plainProfile(contact.jid, 'cached'), now);
  await new DynamoDbPictureCache({
    client: aws.dynamoDb,
    tableName: table,
    retentionSeconds: 3600,
  }).put(
    identity,
    contact,
    'image',
    {
      jid: contact.jid,
      picture: { id: '1', url: 'https://pps.whatsapp.net/x', type: 'image', direct_path: '/x' },
    },
    now,
    undefined,
  );
}

async function cachedItems(identity: SessionIdentity): Promise<number> {
  const result = await aws.dynamoDb.send(
    new QueryCommand({
      TableName: aws.resources.cacheTableName,
      KeyConditionExpression: 'sessionKey = :pk',
      ExpressionAttributeValues: { ':pk': { S: sessionKey(identity) } },
      ConsistentRead: true,
    }),
  );
  return result.Count ?? 0;
}

describe('logging a session out on the worker', () => {
  it("unlinks the device, deletes its credentials and its cache partition, and leaves other users' cache alone", async () => {
    const { identity, companion } = await linkedSession();
    const other = await linkedSession();
    await seedCache(identity);
    await seedCache(other.identity);
    const cachedBefore = await cachedItems(identity);
    const { directory, logOut } = logoutWorker();

    const outcome = await logOut(identity);
    const creds = await testAuthStateStore(
      { client: aws.dynamoDb, tableName: aws.resources.sessionsTableName },
      identity,
    ).readCreds();
    const status = await new SessionStatusStore({
      client: aws.dynamoDb,
      tableName: aws.resources.sessionsTableName,
    }).get(identity);
    const unlinkAsked = whatsApp
      .receivedFrom(companion)
      .some(
        (node) =>
          Array.isArray(node.content) &&
          node.content.some((child) => child.tag === 'remove-companion-device'),
      );
    await directory.close();

    expect(cachedBefore).toBe(2);
    expect(outcome).toEqual({
      kind: 'reply',
      reply: { version: 1, correlationId: `logout-${identity.userId}`, ok: true, unlinked: true },
    });
    expect(unlinkAsked).toBe(true);
    expect(creds).toBeUndefined();
    expect(status.state).toBe('unpaired');
    expect(status.jid).toBeUndefined();
    expect(await cachedItems(identity)).toBe(0);
    expect(await cachedItems(other.identity)).toBe(2);
  });

  it('clears a session that was never linked and answers unlinked false', async () => {
    counter += 1;
    const identity = { tenantId: 'acme', userId: `logout-${counter}` };
    await seedCache(identity);
    const { directory, logOut } = logoutWorker();

    const outcome = await logOut(identity);
    await directory.close();

    expect(outcome.reply).toMatchObject({ ok: true, unlinked: false });
    expect(await cachedItems(identity)).toBe(0);
  });
});
