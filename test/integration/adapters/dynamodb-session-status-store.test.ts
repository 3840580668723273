import { describe, expect, it } from 'vitest';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import type { AccountRestriction } from '../../../functions/domain/session/account-restriction.ts';
import type {
  SessionEventPublisher,
  SessionStatusChange,
} from '../../../functions/ports/session-events.ts';
import { useSessionsTable } from '../../support/aws/sessions-table.ts';

const JID = '5511999999999@s.whatsapp.net';

describe('SessionStatusStore on dynalite', () => {
  const table = useSessionsTable();
  let users = 0;
  const newUser = () => ({ tenantId: 'acme', userId: `status-user-${++users}` });
  const store = () => new SessionStatusStore({ client: table.client, tableName: table.tableName });

  it('reads a session never written as unpaired', async () => {
    // act
    const status = await store().get(newUser());

    // assert
    expect(status).toEqual({ state: 'unpaired', updatedAt: new Date(0).toISOString() });
  });

  it('reads back a paired status with its account, JID and the time it was linked', async () => {
    // prepare
    const identity = newUser();

    // act
    await store().put(identity, {
      state: 'paired',
      account: '5511…99',
      reason: 'paired',
      jid: JID,
    });
    const status = await store().get(identity);

    // assert
    expect(status).toEqual({
      state: 'paired',
      account: '5511…99',
      reason: 'paired',
      jid: JID,
      updatedAt: expect.any(String),
      pairedAt: status.updatedAt,
    });
  });

  it('keeps the first pairedAt when a reconnect writes paired again', async () => {
    // prepare
    const identity = newUser();
    await store().put(identity, { state: 'paired', jid: JID });
    const first = await store().get(identity);
    await new Promise((resolve) => setTimeout(resolve, 5));

    // act
    await store().put(identity, { state: 'paired', jid: JID, reason: 'reconnected' });
    const again = await store().get(identity);

    // assert
    expect(again.pairedAt).toBe(first.pairedAt);
    expect(again.updatedAt > (first.updatedAt ?? '')).toBe(true);
  });

  it('drops the JID and pairedAt when the session is logged out', async () => {
    // prepare
    const identity = newUser();
    await store().put(identity, { state: 'paired', jid: JID });

    // act
    await store().put(identity, {
      state: 'logged_out',
      jid: JID,
      reason: 'logged out from the phone',
    });
    const status = await store().get(identity);

    // assert
    expect(status).toEqual({
      state: 'logged_out',
      reason: 'logged out from the phone',
      updatedAt: expect.any(String),
    });
  });

  it('lists the sessions whose last status is paired, and only those', async () => {
    // prepare
    const paired = newUser();
    const loggedOut = newUser();
    await store().put(paired, { state: 'paired' });
    await store().put(loggedOut, { state: 'paired' });
    await store().put(loggedOut, { state: 'logged_out' });

    // act
    const listed = await store().listPaired();

    // assert
    expect(listed).toContainEqual(paired);
    expect(listed).not.toContainEqual(loggedOut);
  });
});
const BAN: AccountRestriction = {
  reason: 'temporary_ban',
  since: '2026-12-08T03:00:00Z',
  endsAt: '2026-12-09T03:00:00Z',
  banCode: 101,
};
const LOCK: AccountRestriction = {
  reason: 'reachout_timelock',
  since: '2026-12-08T03:00:00Z',
  endsAt: '2026-12-08T05:00:00Z',
};

/** The status store's account restrictions on dynalite, and the events they report. */
describe('SessionStatusStore restrictions', () => {
  const table = useSessionsTable();
  let users = 0;
  const pairedSession = async () => {
    const changes: SessionStatusChange[] = [];
    const events: SessionEventPublisher = { publish: async (change) => void changes.push(change) };
    const store = new SessionStatusStore({
      client: table.client,
      tableName: table.tableName,
      events,
    });
    const identity = { tenantId: 'acme', userId: `restricted-${++users}` };
    await store.put(identity, { state: 'paired', jid: JID });
    changes.length = 0;
    return { store, identity, changes };
  };

  it('records a temporary ban on a paired session and reports it once as connecting', async () => {
    // prepare
    const { store, identity, changes } = await pairedSession();

    // act
    await store.restrict(identity, BAN);
    await store.restrict(identity, { ...BAN, since: '2026-12-08T03:00:05Z' });
    const status = await store.get(identity);

    // assert
    expect(status.restriction).toEqual(BAN);
    expect(changes).toEqual([
      {
        tenant: 'acme',
        user: identity.userId,
        status: 'connecting',
        previous_status: 'paired',
        reason: 'temporary_ban',
        jid: JID,
        restricted_until: BAN.endsAt,
      },
    ]);
  });

  it('ends the ban when the socket opens again (a paired write), reporting its end', async () => {
    // prepare
    const { store, identity, changes } = await pairedSession();
    await store.restrict(identity, BAN);

    // act
    await store.put(identity, { state: 'paired', jid: JID });
    const status = await store.get(identity);

    // assert
    expect(status.restriction).toBeUndefined();
    expect(changes.map((change) => [change.previous_status, change.status, change.reason])).toEqual(
      [
        ['paired', 'connecting', 'temporary_ban'],
        ['connecting', 'paired', 'temporary_ban_ended'],
      ],
    );
  });

  it('keeps a time lock across reconnects, and reports its end (again when it changes)', async () => {
    // prepare
    const { store, identity, changes } = await pairedSession();

    // act
    await store.restrict(identity, { ...LOCK, endsAt: undefined } as AccountRestriction);
    await store.restrict(identity, LOCK);
    await store.put(identity, { state: 'paired', jid: JID });
    const kept = await store.get(identity);
    await store.endTimelock(identity);
    await store.endTimelock(identity);
    const ended = await store.get(identity);

    // assert
    expect(kept.restriction).toEqual(LOCK);
    expect(ended.restriction).toBeUndefined();
    expect(changes.map((change) => [change.reason, change.restricted_until])).toEqual([
      ['reachout_timelock', null],
      ['reachout_timelock', LOCK.endsAt],
      ['reachout_timelock_lifted', undefined],
    ]);
  });

  it('shows a ban rather than a time lock when WhatsApp holds both', async () => {
    // prepare
    const { store, identity } = await pairedSession();

    // act
    await store.restrict(identity, LOCK);
    await store.restrict(identity, BAN);

    // assert
    expect((await store.get(identity)).restriction).toEqual(BAN);
  });

  it('records nothing for a session that is not paired, and drops every restriction on logout', async () => {
    // prepare
    const { store, identity, changes } = await pairedSession();
    await store.restrict(identity, LOCK);
    await store.put(identity, { state: 'logged_out' });
    const never = { tenantId: 'acme', userId: `never-paired-${++users}` };

    // act
    await store.restrict(identity, BAN);
    await store.restrict(never, BAN);

    // assert
    expect((await store.get(identity)).restriction).toBeUndefined();
    expect(await store.get(never)).toEqual({ state: 'unpaired', updatedAt: expect.any(String) });
    expect(changes.map((change) => change.reason)).toEqual(['reachout_timelock', 'logged_out']);
  });
});
