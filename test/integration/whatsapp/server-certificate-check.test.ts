import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SessionsTable, startSessionsTable } from '../../support/aws/sessions-table.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';
import { linkedServingSession } from '../../support/whatsapp/linked-device.ts';
import {
  startWhatsAppServerStandIn,
  trustTestRootKey,
  type WhatsAppServerStandIn,
} from '../../support/whatsapp/server-stand-in.ts';

let table: SessionsTable;
let trusted: WhatsAppServerStandIn;
let impostor: WhatsAppServerStandIn;
let untrust: () => void;
let counter = 0;

beforeAll(async () => {
  table = await startSessionsTable();
  [trusted, impostor] = await Promise.all([
    startWhatsAppServerStandIn(),
    startWhatsAppServerStandIn(),
  ]);
  // Only the first stand-in's root plays WhatsApp's: the impostor's chain is signed by another.
  untrust = trustTestRootKey(trusted.rootPublicKey);
});
afterAll(async () => {
  untrust?.();
  await Promise.all([trusted?.stop(), impostor?.stop()]);
  await table?.stop();
});

/** A linked session connecting to `server`, which knows the device. */
async function connect(server: WhatsAppServerStandIn, waitMs: number) {
  counter += 1;
  const { session, events, companion } = await linkedServingSession(table, server, {
    identity: { tenantId: 't', userId: `certificate-${counter}` },
    meId: `5511987650${String(100 + counter)}:2@s.whatsapp.net`,
    logger: silentLogger(),
    backoff: { baseMs: 5_000, maxMs: 5_000 },
  });
  const opened = await session.waitUntilOpen(AbortSignal.timeout(waitMs), waitMs).then(
    () => true,
    () => false,
  );
  await session.close();
  return { opened, events, companion };
}

describe("the WhatsApp server's certificate chain", () => {
  it('is accepted when the root that signed it is the trusted one', async () => {
    const { opened, companion } = await connect(trusted, 10_000);

    expect(opened).toBe(true);
    expect(trusted.connections.some((c) => c.companion === companion && c.loggedIn)).toBe(true);
  });

  it('is refused when another root signed it: the device never logs in there', async () => {
    const { opened, events, companion } = await connect(impostor, 3_000);

    expect(opened).toBe(false);
    expect(events.some((event) => event.type === 'reconnecting' || event.type === 'closed')).toBe(
      true,
    );
    expect(impostor.connections.some((c) => c.companion === companion)).toBe(false);
  });

  it.each([
    ['names another key than the server static key', { leafKey: 'another' as const }],
    ['names another issuer than the intermediate', { leafIssuerSerial: 7 }],
    ['has expired', { notAfter: Math.floor(Date.now() / 1000) - 60 }],
    ['is not valid yet', { notBefore: Math.floor(Date.now() / 1000) + 3_600 }],
  ])(
    'is refused at the handshake when its genuine-looking leaf %s (finding 4)',
    async (_name, certificate) => {
      const bent = await startWhatsAppServerStandIn({ certificate });
      // The bent stand-in's root is trusted: only the chain's content is wrong.
      const untrustBent = trustTestRootKey(bent.rootPublicKey);
      try {
        const { opened, companion } = await connect(bent, 1_500);

        expect(opened).toBe(false);
        expect(bent.connections.length).toBeGreaterThan(0);
        expect(bent.connections.some((c) => c.companion === companion)).toBe(false);
      } finally {
        untrustBent();
        await bent.stop();
      }
    },
  );
});
