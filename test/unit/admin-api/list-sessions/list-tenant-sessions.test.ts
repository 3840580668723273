import { describe, expect, it } from 'vitest';
import { createListTenantSessions } from '../../../../functions/admin-api/list-sessions/list-tenant-sessions.ts';
import { adminSessionSchema } from '../../../../functions/api/admin-bodies.ts';
import {
  InMemoryTokenStore,
  tokenRecord,
} from '../../../support/authorizer/in-memory-token-store.ts';
import {
  InMemoryPairingAttempts,
  InMemorySessionStatuses,
} from '../../../support/session-api/in-memory-session-ports.ts';
import { startingAttempt } from '../../../support/whatsapp/starting-attempt.ts';

const NOW = Date.parse('2026-12-08T03:00:00Z');
const JID = '5511999999999@s.whatsapp.net';

function tenantWith(users: { userId: string; revokedAt?: string }[]) {
  const tokens = new InMemoryTokenStore(
    users.map((user, index) =>
      tokenRecord(`${index}1111111-1111-4111-8111-111111111111`, { ...user }),
    ),
  );
  const statuses = new InMemorySessionStatuses();
  const attempts = new InMemoryPairingAttempts();
  return {
    tokens,
    statuses,
    attempts,
    list: createListTenantSessions({ tokens, statuses, attempts }),
  };
}

describe('listTenantSessions', () => {
  it('lists each user holding a live token once, by name, with its stored status', async () => {
    const { statuses, list } = tenantWith([
      { userId: 'carol' },
      { userId: 'alice' },
      { userId: 'alice' },
      { userId: 'dave', revokedAt: '2026-06-02T00:00:00.000Z' },
    ]);
    statuses.set(
      { tenantId: 'acme', userId: 'alice' },
      {
        state: 'paired',
        jid: '5511999990000@s.whatsapp.net',
        pairedAt: '2026-06-01T10:00:00.000Z',
      },
    );

    const sessions = await list('acme');

    expect(sessions).toEqual([
      {
        user: 'alice',
        status: 'paired',
        jid: '5511999990000@s.whatsapp.net',
        since: '2026-06-01T10:00:00.000Z',
      },
      { user: 'carol', status: 'unpaired', jid: null, since: null },
    ]);
  });

  it('names a session with a pairing attempt under way as pairing, never its QR payload', async () => {
    const { attempts, list } = tenantWith([{ userId: 'alice' }]);
    const identity = { tenantId: 'acme', userId: 'alice' };
    await attempts.claim(identity, { ...startingAttempt('a1', 60_000), qr: '2@secret' }, null);

    const sessions = await list('acme');

    expect(sessions).toEqual([{ user: 'alice', status: 'pairing', jid: null, since: null }]);
    expect(JSON.stringify(sessions)).not.toContain('2@secret');
  });

  it('names each user’s session as GET /session does, a restricted account’s reason included', async () => {
    // prepare
    const tokens = new InMemoryTokenStore([
      tokenRecord('t-alice', { userId: 'alice' }),
      tokenRecord('t-bob', { userId: 'bob' }),
      tokenRecord('t-carol', { userId: 'carol' }),
    ]);
    const statuses = new InMemorySessionStatuses();
    statuses.set(
      { tenantId: 'acme', userId: 'alice' },
      { state: 'paired', jid: JID, pairedAt: 'p' },
    );
    statuses.set(
      { tenantId: 'acme', userId: 'bob' },
      {
        state: 'paired',
        jid: JID,
        pairedAt: 'p',
        restriction: { reason: 'temporary_ban', since: 's', endsAt: '2026-12-08T04:00:00Z' },
      },
    );
    const list = createListTenantSessions({
      tokens,
      statuses,
      attempts: new InMemoryPairingAttempts(),
      now: () => NOW,
    });

    // act
    const sessions = await list('acme');

    // assert
    expect(sessions).toEqual([
      { user: 'alice', status: 'paired', jid: JID, since: 'p' },
      {
        user: 'bob',
        status: 'connecting',
        jid: JID,
        since: 'p',
        reason: 'temporary_ban',
        restricted_until: '2026-12-08T04:00:00Z',
      },
      { user: 'carol', status: 'unpaired', jid: null, since: null },
    ]);
    for (const session of sessions) expect(adminSessionSchema.parse(session)).toEqual(session);
  });
});
