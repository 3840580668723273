import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import type {
  SessionStatus,
  SessionStatusStore,
} from '../../../functions/adapters/dynamodb-session-status-store.ts';
import { parseEnvironment } from '../../../functions/platform/parse-environment.ts';
import { BaileysDirectory } from '../../../functions/whatsapp/baileys-directory.ts';
import { baileysEnvironmentShape } from '../../../functions/whatsapp/baileys-directory-config.ts';
import { BaileysSessionControl } from '../../../functions/whatsapp/baileys-session-control.ts';
import {
  DEMO_DIRECTORY_FILE,
  OfflineDirectory,
} from '../../../functions/whatsapp/offline-directory.ts';
import { OfflineSessionControl } from '../../../functions/whatsapp/offline-session-control.ts';
import { PairedOrOfflineDirectory } from '../../../functions/whatsapp/paired-or-offline-directory.ts';
import {
  type WhatsAppBackend,
  type WhatsAppBackendConfig,
  wireWhatsAppBackend,
} from '../../../functions/whatsapp/whatsapp-backend.ts';
import { InMemoryPairingAttempts } from '../../support/in-memory-session-ports.ts';
import { silentLogger } from '../../support/silent-logger.ts';

const IDENTITY = { tenantId: 'acme', userId: 'alice' };
const BUSINESS = '14155550123@s.whatsapp.net';

function config(backend: WhatsAppBackendConfig['WA_BACKEND']): WhatsAppBackendConfig {
  return {
    ...parseEnvironment(baileysEnvironmentShape, {}),
    WA_BACKEND: backend,
    WA_DIRECTORY_FILE: DEMO_DIRECTORY_FILE,
    SESSIONS_TABLE_NAME: 'sessions',
  };
}

/** Building a backend reads and writes nothing: every store call here fails the test. */
function dependencies() {
  const status: SessionStatus = { state: 'unpaired', updatedAt: '2026-06-15T12:00:00.000Z' };
  const untouched = new Proxy(
    {},
    {
      get: () => () => {
        throw new Error('the backend called DynamoDB while being built');
      },
    },
  ) as DynamoDBClient;
  const statuses = {
    get: async () => status,
    listPaired: async () => [],
  } as unknown as SessionStatusStore;
  return {
    dynamoDb: untouched,
    statuses,
    attempts: new InMemoryPairingAttempts(),
    leases: { holds: () => true, fencingToken: () => 1 },
    shardCount: 1,
    logger: silentLogger('test'),
  };
}

/** The JID the backend's directory answers for the demo directory's business contact. */
async function businessJid(backend: WhatsAppBackend): Promise<string> {
  const signal = AbortSignal.timeout(1_000);
  return (await backend.directory.lookup(IDENTITY, { kind: 'jid', jid: BUSINESS }, signal)).jid;
}

describe('wireWhatsAppBackend', () => {
  it('builds the offline directory and its session control for WA_BACKEND=offline', async () => {
    const backend = await wireWhatsAppBackend(config('offline'), dependencies());

    expect(backend.directory).toBeInstanceOf(OfflineDirectory);
    expect(backend.sessionControl).toBeInstanceOf(OfflineSessionControl);
    expect(await businessJid(backend)).toBe(BUSINESS);
  });

  it('builds the Baileys directory and session control on one set of sessions for WA_BACKEND=baileys', async () => {
    const backend = await wireWhatsAppBackend(config('baileys'), dependencies());

    expect(backend.directory).toBeInstanceOf(BaileysDirectory);
    expect(backend.sessionControl).toBeInstanceOf(BaileysSessionControl);
    await backend.directory.close?.();
  });

  it('answers a never-paired session from the offline directory for WA_BACKEND=auto, pairing live', async () => {
    const backend = await wireWhatsAppBackend(config('auto'), dependencies());

    expect(backend.directory).toBeInstanceOf(PairedOrOfflineDirectory);
    expect(backend.sessionControl).toBeInstanceOf(BaileysSessionControl);
    expect(await businessJid(backend)).toBe(BUSINESS);
    await backend.directory.close?.();
  });
});
