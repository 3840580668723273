import { describe, expect, it } from 'vitest';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import { useSessionsTable } from '../../support/aws/sessions-table.ts';
import { apiAnswerFor, linkedSessionOnStandIn } from '../../support/whatsapp/stand-in-directory.ts';
import { incomingMessage } from '../../support/whatsapp/stand-in-pushes.ts';
import { testAuthStateStore } from '../../support/whatsapp/test-auth-state-store.ts';
import { useStandInBackend } from '../../support/whatsapp/use-stand-in-backend.ts';

/**
 * What a real server pushes, played by the stand-in to a session the worker serves: messages
 * queued while the device was offline, a notification, the server going away, and the stream
 * errors that end a session (`conflict` replaced, `device_removed`).
 */

const table = useSessionsTable();
const standIn = useStandInBackend(table, {
  environment: { WA_RECONNECT_BASE_MS: '50', WA_RECONNECT_MAX_MS: '200' },
});
let seq = 0;

const jid = () => {
  seq += 1;
  return { kind: 'jid' as const, jid: `55219${String(70_000_000 + seq)}@s.whatsapp.net` };
};
const acked = (companion: string, id: string | undefined) =>
  standIn.server.receivedFrom(companion).some((node) => node.tag === 'ack' && node.attrs.id === id);

describe('a served session and what the server pushes', () => {
  it('acknowledges the messages queued while it was offline, then serves lookups', async () => {
    const linked = await linkedSessionOnStandIn(table, standIn.server);
    const queued = [incomingMessage(9_001, false), incomingMessage(9_002, true)];
    standIn.server.queueOffline(linked.companion, queued);

    const profile = await standIn.directory.lookup(
      linked.identity,
      jid(),
      AbortSignal.timeout(10_000),
    );
    await standIn.server.waitUntil(() =>
      queued.every((message) => acked(linked.companion, message.attrs.id)),
    );

    expect(profile.user_info.Status).toBe('Loopback status');
  });

  it('acknowledges a notification (a contact changed its picture)', async () => {
    const linked = await linkedSessionOnStandIn(table, standIn.server);
    await standIn.directory.lookup(linked.identity, jid(), AbortSignal.timeout(10_000));
    const id = `notification-${seq}`;

    standIn.server.push(
      {
        tag: 'notification',
        attrs: { id, from: '5521977776666@s.whatsapp.net', type: 'picture', t: '1700000000' },
        content: [{ tag: 'set', attrs: { jid: '5521977776666@s.whatsapp.net', id: '42' } }],
      },
      linked.companion,
    );

    await standIn.server.waitUntil(() => acked(linked.companion, id));
  });

  it('reconnects after the server closes the connection, and serves again', async () => {
    const linked = await linkedSessionOnStandIn(table, standIn.server);
    await standIn.directory.lookup(linked.identity, jid(), AbortSignal.timeout(10_000));
    const loginsBefore = standIn.server.connections.filter(
      (c) => c.companion === linked.companion && c.loggedIn,
    ).length;

    expect(standIn.server.disconnect(linked.companion)).toBe(1);
    await standIn.server.waitUntil(
      () =>
        standIn.server.connections.filter(
          (c) => c.companion === linked.companion && c.loggedIn && !c.closed,
        ).length === 1 &&
        standIn.server.connections.filter((c) => c.companion === linked.companion && c.loggedIn)
          .length > loginsBefore,
    );
    const profile = await standIn.directory.lookup(
      linked.identity,
      jid(),
      AbortSignal.timeout(10_000),
    );

    expect(profile.user_info.Status).toBe('Loopback status');
  });

  it('treats <stream:error code="401"><conflict type="device_removed"/> as a logout: credentials deleted, 503 re-pair', async () => {
    const linked = await linkedSessionOnStandIn(table, standIn.server);
    await standIn.directory.lookup(linked.identity, jid(), AbortSignal.timeout(10_000));

    standIn.server.push(
      {
        tag: 'stream:error',
        attrs: { code: '401' },
        content: [{ tag: 'conflict', attrs: { type: 'device_removed' } }],
      },
      linked.companion,
    );
    const store = testAuthStateStore(table, linked.identity);
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      if ((await store.readCreds()) === undefined) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const answer = await standIn.directory
      .lookup(linked.identity, jid(), AbortSignal.timeout(10_000))
      .catch((error: unknown) => apiAnswerFor(error));
    const status = await new SessionStatusStore(table).get(linked.identity);

    expect(await store.readCreds()).toBeUndefined();
    expect(status.state).toBe('logged_out');
    expect(answer).toEqual({ status: 503, error_code: 'SESSION_UNAVAILABLE' });
    expect(standIn.sessionControl).toBeDefined();
  });

  it('reconnects after <stream:error><conflict type="replaced"/> (Baileys: 440), and serves again', async () => {
    const linked = await linkedSessionOnStandIn(table, standIn.server);
    await standIn.directory.lookup(linked.identity, jid(), AbortSignal.timeout(10_000));

    standIn.server.push(
      {
        tag: 'stream:error',
        attrs: {},
        content: [{ tag: 'conflict', attrs: { type: 'replaced' } }],
      },
      linked.companion,
    );
    await standIn.server.waitUntil(
      () => standIn.server.connections.filter((c) => c.companion === linked.companion).length > 1,
    );
    const profile = await standIn.directory.lookup(
      linked.identity,
      jid(),
      AbortSignal.timeout(10_000),
    );

    expect(profile.user_info.Status).toBe('Loopback status');
  });
});
