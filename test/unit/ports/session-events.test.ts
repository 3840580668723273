import { describe, expect, it } from 'vitest';
import { NO_SESSION_EVENTS, statusChange } from '../../../functions/ports/session-events.ts';

describe('statusChange', () => {
  const identity = { tenantId: 'acme', userId: 'alice' };

  it("names the session's tenant and user as the contract's tenant and user", () => {
    const change = statusChange(identity, {
      status: 'paired',
      previous_status: 'pairing',
      reason: 'paired',
      jid: '5511999990000@s.whatsapp.net',
    });

    expect(change).toEqual({
      tenant: 'acme',
      user: 'alice',
      status: 'paired',
      previous_status: 'pairing',
      reason: 'paired',
      jid: '5511999990000@s.whatsapp.net',
    });
  });

  it('sets jid to null when the change names no account', () => {
    const change = statusChange(identity, {
      status: 'unpaired',
      previous_status: 'paired',
      reason: 'logged_out',
    });

    expect(change.jid).toBeNull();
  });
});

describe('NO_SESSION_EVENTS', () => {
  it('accepts a change and sends it nowhere', async () => {
    const change = statusChange(
      { tenantId: 't', userId: 'u' },
      { status: 'pairing', previous_status: 'unpaired', reason: 'pairing_started' },
    );

    await expect(NO_SESSION_EVENTS.publish(change)).resolves.toBeUndefined();
  });
});
