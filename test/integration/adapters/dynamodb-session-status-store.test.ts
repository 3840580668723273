import { describe, expect, it } from 'vitest';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
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
