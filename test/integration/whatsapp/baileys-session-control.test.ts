import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbPairingAttempts } from '../../../functions/adapters/dynamodb-pairing-attempts.ts';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import type { SessionIdentity } from '../../../functions/domain/session/session-identity.ts';
import { parseEnvironment } from '../../../functions/platform/parse-environment.ts';
import { baileysEnvironmentShape } from '../../../functions/whatsapp/baileys-directory-config.ts';
import { useSessionsTable } from '../../support/aws/sessions-table.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';
import { wireBaileysBackend } from '../../support/whatsapp/baileys-backend.ts';
import { startLoopbackWhatsAppServer } from '../../support/whatsapp/loopback-whatsapp-server.ts';
import { startSilentWhatsAppEndpoint } from '../../support/whatsapp/silent-endpoint.ts';
import { startingAttempt } from '../../support/whatsapp/starting-attempt.ts';
import { testAuthStateStore } from '../../support/whatsapp/test-auth-state-store.ts';
import { useTrustedStandIn } from '../../support/whatsapp/use-trusted-stand-in.ts';

const logger = silentLogger();
const table = useSessionsTable();
const ACCOUNT = { jid: '5511987654321@s.whatsapp.net', lid: '211234567890123@lid' };
let loopback: Awaited<ReturnType<typeof startLoopbackWhatsAppServer>>;
const standIn = useTrustedStandIn();
let counter = 0;

beforeAll(async () => {
  loopback = await startLoopbackWhatsAppServer();
});
afterAll(async () => {
  await loopback?.stop();
});

function newIdentity(): SessionIdentity {
  counter += 1;
  return { tenantId: 'acme', userId: `pairing-${counter}` };
}

/** A worker's Baileys side against `url`, holding shard 0 until `lease.held` turns false. */
function pairingWorker(url: string, environment: Record<string, string> = {}) {
  const lease = { held: true };
  const { directory, sessionControl: control } = wireBaileysBackend(
    parseEnvironment(baileysEnvironmentShape, {
      WA_WEBSOCKET_URL: url,
      WA_CONNECT_TIMEOUT_MS: '5000',
      WA_CONNECT_WAIT_MS: '5000',
      ...environment,
    }),
    {
      dynamoDb: table.client,
      sessionsTableName: table.tableName,
      shardCount: 1,
      logger,
      leases: { holds: () => lease.held, fencingToken: () => 1 },
    },
  );
  return { directory, control, lease };
}

const attempts = () =>
  new DynamoDbPairingAttempts({ client: table.client, tableName: table.tableName });
const statuses = () => new SessionStatusStore({ client: table.client, tableName: table.tableName });

/** Claims an attempt as the API does; returns the pair-session command's fields. */
async function claimAttempt(identity: SessionIdentity, timeLimitMs = 60_000) {
  const attempt = startingAttempt(randomUUID(), timeLimitMs, 30_000);
  const latest = await attempts().latest(identity);
  expect(await attempts().claim(identity, attempt, latest)).toBe(true);
  return { attemptId: attempt.attemptId, deadline: attempt.endsAt };
}

async function waitFor<T>(
  probe: () => Promise<T> | T,
  accept: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`not in time; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * A pair command of a fresh identity, started by a worker against a server that never answers,
 * once its socket is open there; `timeLimitMs` is the attempt's.
 */
async function pairingOnSilentServer(timeLimitMs?: number) {
  const silent = await startSilentWhatsAppEndpoint();
  const identity = newIdentity();
  const worker = pairingWorker(silent.url, { WA_CONNECT_TIMEOUT_MS: '30000' });
  const command = await claimAttempt(identity, timeLimitMs);
  await worker.control.startPairing(identity, command);
  await waitFor(
    () => silent.connections.length,
    (count) => count === 1,
  );
  const firstSocketClosed = () =>
    waitFor(
      () => silent.connections[0]?.closed,
      (closed) => closed === true,
    );
  return { ...worker, silent, identity, command, firstSocketClosed };
}

describe('worker pairing (session control on Baileys)', () => {
  it('opens the WhatsApp Web handshake for a pair command and ends the attempt when the server closes', async () => {
    const identity = newIdentity();
    const { directory, control } = pairingWorker(loopback.url);
    const command = await claimAttempt(identity);
    const before = loopback.hellos.length;

    await control.startPairing(identity, command);
    const [hello] = (await loopback.waitForHellos(before + 1)).slice(before);
    const ended = await waitFor(
      () => attempts().latest(identity),
      (attempt) => attempt?.state === 'ended',
    );
    await directory.close();

    expect(hello?.ephemeralKeyLength).toBe(32);
    expect(ended).toMatchObject({ attemptId: command.attemptId, endReason: 'closed' });
    expect((await statuses().get(identity)).state).toBe('unpaired');
  });

  it('closes the socket at the time limit against a server that never answers, and the session stays unpaired', async () => {
    const startedAt = Date.now();
    const { directory, silent, identity, firstSocketClosed } = await pairingOnSilentServer(800);
    const ended = await waitFor(
      () => attempts().latest(identity),
      (attempt) => attempt?.state === 'ended',
      5_000,
    );
    const endedAfterMs = Date.now() - startedAt;
    await firstSocketClosed();
    await directory.close();
    await silent.stop();

    expect(ended?.endReason).toBe('timed_out');
    expect(endedAfterMs).toBeLessThan(3_000);
    expect((await statuses().get(identity)).state).toBe('unpaired');
    expect(await testAuthStateStore(table, identity).readCreds()).toBeUndefined();
  });

  it('opens no second socket for a second pair command of the same attempt', async () => {
    const { directory, control, silent, identity, command } = await pairingOnSilentServer();

    // Redelivered, even twice at once.
    await Promise.all([
      control.startPairing(identity, command),
      control.startPairing(identity, command),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const connections = silent.connections.length;
    const firstStillOpen = silent.connections[0]?.closed === false;
    const attempt = await attempts().latest(identity);
    await directory.close();
    await silent.stop();

    expect(firstStillOpen).toBe(true);
    expect(attempt?.state).not.toBe('ended');
    expect(connections).toBe(1);
  });

  it('ends the attempt and closes the socket when the session logs out while pairing', async () => {
    const { directory, control, silent, identity, command, firstSocketClosed } =
      await pairingOnSilentServer();

    const result = await control.logOut(identity, AbortSignal.timeout(5_000));
    await firstSocketClosed();
    const attempt = await attempts().latest(identity);
    await directory.close();
    await silent.stop();

    expect(result).toEqual({ unlinked: false });
    expect(attempt).toMatchObject({ attemptId: command.attemptId, endReason: 'logged_out' });
  });

  it('closes the socket and ends the attempt as lease_lost when the shard lease is lost mid-pairing', async () => {
    const { directory, silent, lease, command, identity, firstSocketClosed } =
      await pairingOnSilentServer();

    lease.held = false;
    await directory.closeShard(0);
    await firstSocketClosed();
    const attempt = await attempts().latest(identity);
    await directory.close();
    await silent.stop();

    expect(attempt).toMatchObject({ attemptId: command.attemptId, endReason: 'lease_lost' });
    expect(attempt?.qr).toBeUndefined();
  });

  it('answers a pair command for a shard it does not hold by ending the attempt', async () => {
    const identity = newIdentity();
    const { directory, control, lease } = pairingWorker(loopback.url);
    lease.held = false;
    const command = await claimAttempt(identity);
    const before = loopback.hellos.length;

    await expect(control.startPairing(identity, command)).rejects.toThrow(/no worker serves/);
    const attempt = await attempts().latest(identity);
    await directory.close();

    expect(attempt?.endReason).toBe('closed');
    expect(loopback.hellos.length).toBe(before);
  });
});

describe('worker pairing with a phone that scans (WhatsApp server stand-in)', () => {
  it('records each QR payload, links on the scan and serves a lookup on the same socket', async () => {
    const identity = newIdentity();
    const { directory, control } = pairingWorker(standIn.server.url);
    const command = await claimAttempt(identity);
    const connectionsBefore = standIn.server.connections.length;

    await control.startPairing(identity, command);
    const waiting = await waitFor(
      () => attempts().latest(identity),
      (attempt) => attempt?.qr !== undefined,
    );
    const companion = await standIn.server.scanQr(waiting?.qr ?? '', ACCOUNT);
    const ended = await waitFor(
      () => attempts().latest(identity),
      (attempt) => attempt?.state === 'ended',
    );
    const status = await statuses().get(identity);
    const profile = await directory.lookup(
      identity,
      { kind: 'jid', jid: '5511911112222@s.whatsapp.net' },
      AbortSignal.timeout(5_000),
    );
    const connections = standIn.server.connections.slice(connectionsBefore);
    await directory.close();

    expect(waiting).toMatchObject({ state: 'waiting', attemptId: command.attemptId });
    expect(waiting?.codeExpiresAt).toBeGreaterThan(Date.now());
    expect(ended?.endReason).toBe('paired');
    expect(ended?.qr).toBeUndefined();
    expect(status).toMatchObject({ state: 'paired', jid: '5511987654321@s.whatsapp.net' });
    expect(status.pairedAt).toBeDefined();
    expect(profile.jid).toBe('5511911112222@s.whatsapp.net');
    // The registration, then the restart WhatsApp asks for after the scan: nothing more.
    expect(connections).toHaveLength(2);
    expect(connections[1]?.companion).toBe(companion.companion);
  });

  it('keeps two users pairing at once on one worker apart', async () => {
    const [ana, bia] = [newIdentity(), newIdentity()];
    const { directory, control } = pairingWorker(standIn.server.url);
    const [anaCommand, biaCommand] = [await claimAttempt(ana), await claimAttempt(bia)];

    await Promise.all([
      control.startPairing(ana, anaCommand),
      control.startPairing(bia, biaCommand),
    ]);
    const [anaWaiting, biaWaiting] = await Promise.all(
      [ana, bia].map((identity) =>
        waitFor(
          () => attempts().latest(identity),
          (attempt) => attempt?.qr !== undefined,
        ),
      ),
    );
    await standIn.server.scanQr(anaWaiting?.qr ?? '', ACCOUNT);
    await waitFor(
      () => attempts().latest(ana),
      (attempt) => attempt?.endReason === 'paired',
    );
    const biaNow = await attempts().latest(bia);
    const biaStatus = await statuses().get(bia);
    await directory.close();

    expect(anaWaiting?.qr).not.toBe(biaWaiting?.qr);
    expect(biaNow).toMatchObject({ attemptId: biaCommand.attemptId, state: 'waiting' });
    expect(biaStatus.state).toBe('unpaired');
    expect((await statuses().get(ana)).state).toBe('paired');
  });
});
