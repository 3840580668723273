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

const NOW = Date.parse('2026-12-08T03:00:00Z');
const JID = '5511999999999@s.whatsapp.net';

describe('listTenantSessions', () => {
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
