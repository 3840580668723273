import { describe, expect, it } from 'vitest';
import { SessionUnavailableError } from '../../../functions/domain/errors/app-errors.ts';
import {
  type SessionIdentity,
  sessionShard,
} from '../../../functions/domain/session/session-identity.ts';
import {
  DEFAULT_MAX_IDLE_SESSIONS,
  SessionManager,
} from '../../../functions/whatsapp/session-manager.ts';
import type { WhatsAppSession } from '../../../functions/whatsapp/whatsapp-session.ts';

const SHARDS = 2;

/** A session standing in for a socket: its state, whether it is linked, and whether it closed. */
function fakeSession(identity: SessionIdentity, state: string, linked: boolean) {
  const fake = {
    identity,
    state,
    linked,
    role: 'serve' as 'serve' | 'pair',
    closed: false,
    start: async () => undefined,
    close: async () => {
      fake.closed = true;
      fake.state = 'closed';
    },
  };
  return fake;
}
type FakeSession = ReturnType<typeof fakeSession>;

/** The first user ids that fall on each shard. */
function identityOnShard(shard: number, from = 0): SessionIdentity {
  for (let n = from; ; n++) {
    const identity = { tenantId: 'acme', userId: `user-${n}` };
    if (sessionShard(identity, SHARDS) === shard) return identity;
  }
}

function manager(
  options: { held?: number[]; state?: string; linked?: boolean; maxIdleSessions?: number } = {},
) {
  const held = new Set(options.held ?? [0, 1]);
  const created: FakeSession[] = [];
  let now = 0;
  const sessions = new SessionManager({
    shardCount: SHARDS,
    leases: { holds: (shard) => held.has(shard) },
    recheckIdleMs: 30_000,
    ...(options.maxIdleSessions === undefined ? {} : { maxIdleSessions: options.maxIdleSessions }),
    now: () => now,
    createSession: (identity) => {
      const session = fakeSession(identity, options.state ?? 'open', options.linked ?? true);
      created.push(session);
      return session as unknown as WhatsAppSession;
    },
    createPairingSession: (identity) => {
      const session = fakeSession(identity, 'connecting', false);
      session.role = 'pair';
      created.push(session);
      return session as unknown as WhatsAppSession;
    },
  });
  return { sessions, created, advance: (ms: number) => (now += ms) };
}

describe('SessionManager', () => {
  it('keeps at most the cap of idle sessions for 10,000 distinct unpaired identities, closing those it forgets', async () => {
    const { sessions, created } = manager({ state: 'unpaired', linked: false });

    for (let n = 0; n < 10_000; n++) {
      await sessions.session({ tenantId: 'acme', userId: `stranger-${n}` });
    }

    expect(created).toHaveLength(10_000);
    expect(sessions.openSessions).toBe(DEFAULT_MAX_IDLE_SESSIONS);
    expect(created.filter((session) => session.closed)).toHaveLength(
      10_000 - DEFAULT_MAX_IDLE_SESSIONS,
    );
    // The ones kept are the most recent: the oldest went first.
    expect(created.slice(-DEFAULT_MAX_IDLE_SESSIONS).every((session) => !session.closed)).toBe(
      true,
    );
  });

  it('never evicts a paired session to make room for idle ones', async () => {
    const created: FakeSession[] = [];
    const paired = new Set(['paired-0', 'paired-1']);
    const sessions = new SessionManager({
      shardCount: SHARDS,
      leases: { holds: () => true },
      recheckIdleMs: 30_000,
      maxIdleSessions: 3,
      createSession: (identity) => {
        const linked = paired.has(identity.userId);
        const session = fakeSession(identity, linked ? 'open' : 'unpaired', linked);
        created.push(session);
        return session as unknown as WhatsAppSession;
      },
      createPairingSession: () => {
        throw new Error('not pairing here');
      },
    });

    await sessions.session({ tenantId: 'acme', userId: 'paired-0' });
    await sessions.session({ tenantId: 'acme', userId: 'paired-1' });
    for (let n = 0; n < 50; n++) await sessions.session({ tenantId: 'acme', userId: `u-${n}` });

    expect(sessions.openSessions).toBe(2 + 3);
    expect(created.filter((session) => session.linked).every((session) => !session.closed)).toBe(
      true,
    );
  });

  it('opens one session per user and serves it again, only on a shard this process holds', async () => {
    const { sessions, created } = manager({ held: [0] });
    const mine = identityOnShard(0);

    const first = await sessions.session(mine);
    const second = await sessions.session(mine);

    expect(first).toBe(second);
    expect(created).toHaveLength(1);
    expect(sessions.openSessions).toBe(1);
    await expect(sessions.session(identityOnShard(1))).rejects.toBeInstanceOf(
      SessionUnavailableError,
    );
  });

  it('closes the sockets of a lost shard and leaves the other shard’s open', async () => {
    const { sessions, created } = manager();
    await sessions.session(identityOnShard(0));
    await sessions.session(identityOnShard(1));

    await sessions.closeShard(0);

    expect(
      created.map((session) => [sessionShard(session.identity, SHARDS), session.closed]),
    ).toEqual([
      [0, true],
      [1, false],
    ]);
    expect(sessions.openSessions).toBe(1);
  });

  it('reads an idle (unpaired) session anew once it has been idle for the recheck time', async () => {
    const { sessions, created, advance } = manager({ state: 'unpaired', linked: false });
    const identity = identityOnShard(0);
    const idle = await sessions.session(identity);

    advance(29_999);
    expect(await sessions.session(identity)).toBe(idle);
    advance(1);
    const fresh = await sessions.session(identity);

    expect(fresh).not.toBe(idle);
    expect(created[0]?.closed).toBe(true);
  });

  it('pairs in place of an idle session, and leaves a linked one as it is', async () => {
    const idle = manager({ state: 'unpaired', linked: false });
    const identity = identityOnShard(0);
    await idle.sessions.session(identity);

    const started = await idle.sessions.startPairing(identity, { onEvent: () => undefined });

    expect(started.kind).toBe('started');
    expect(idle.created.map((session) => [session.role, session.closed])).toEqual([
      ['serve', true],
      ['pair', false],
    ]);

    const linked = manager({ state: 'open', linked: true });
    await linked.sessions.session(identity);
    const again = await linked.sessions.startPairing(identity, { onEvent: () => undefined });
    expect(again.kind).toBe('already-paired');
    expect(linked.created).toHaveLength(1);
  });

  it('opens only the given sessions that belong to the shard', async () => {
    const { sessions, created } = manager();
    const onZero = identityOnShard(0);
    const otherOnZero = identityOnShard(0, Number(onZero.userId.split('-')[1]) + 1);

    const opened = sessions.openShard(0, [onZero, identityOnShard(1), otherOnZero]);
    await sessions.session(onZero);

    expect(opened).toBe(2);
    expect(created.map((session) => sessionShard(session.identity, SHARDS))).toEqual([0, 0]);
  });

  it('connects the sessions of an opened shard one slot at a time, each holding it until open', async () => {
    const opens: (() => void)[] = [];
    const created: SessionIdentity[] = [];
    const sessions = new SessionManager({
      shardCount: 1,
      leases: { holds: () => true },
      recheckIdleMs: 30_000,
      openPacing: { concurrency: 1, jitterMs: 0, holdMs: 5_000 },
      createSession: (identity) => {
        created.push(identity);
        const opened = new Promise<void>((resolve) => opens.push(resolve));
        return {
          identity,
          state: 'connecting',
          linked: true,
          start: async () => undefined,
          close: async () => undefined,
          waitUntilOpen: () => opened,
        } as unknown as WhatsAppSession;
      },
      createPairingSession: () => {
        throw new Error('not used');
      },
    });
    const identities = [1, 2, 3].map((n) => ({ tenantId: 'acme', userId: `user-${n}` }));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

    sessions.openShard(0, identities);
    await settle();
    const beforeFirstOpen = created.length;
    const waiting = sessions.waitingToConnect;
    opens[0]?.();
    await settle();

    expect(beforeFirstOpen).toBe(1);
    expect(waiting).toBe(2);
    expect(created.map((identity) => identity.userId)).toEqual(['user-1', 'user-2']);
  });

  it('tries again to open a session of an opened shard whose stored state could not be read', async () => {
    let starts = 0;
    const sessions = new SessionManager({
      shardCount: 1,
      leases: { holds: () => true },
      recheckIdleMs: 30_000,
      openPacing: { concurrency: 1, jitterMs: 0, holdMs: 1_000 },
      createSession: (identity) =>
        ({
          identity,
          state: 'open',
          linked: true,
          start: async () => {
            starts += 1;
            if (starts === 1) throw new Error('DynamoDB: socket timed out');
          },
          close: async () => undefined,
          waitUntilOpen: async () => undefined,
        }) as unknown as WhatsAppSession,
      createPairingSession: () => {
        throw new Error('not used');
      },
    });

    sessions.openShard(0, [{ tenantId: 'acme', userId: 'user-1' }]);
    // The first retry waits between half a second and a second.
    await new Promise((resolve) => setTimeout(resolve, 1_300));

    expect(starts).toBe(2);
    expect(sessions.openSessions).toBe(1);
  });
});
