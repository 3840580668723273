import { describe, expect, it } from 'vitest';
import type { PairingAttempt } from '../../../../functions/domain/session/pairing-attempt.ts';
import { createGetSessionStatus } from '../../../../functions/session-api/get-session/get-session-status.ts';
import {
  InMemoryPairingAttempts,
  InMemorySessionStatuses,
} from '../../../support/session-api/in-memory-session-ports.ts';

const ALICE = { tenantId: 'acme', userId: 'alice' };
const NOW = Date.parse('2026-06-15T12:00:00Z');

function setUp() {
  const attempts = new InMemoryPairingAttempts();
  const statuses = new InMemorySessionStatuses();
  const getSessionStatus = createGetSessionStatus({ attempts, statuses, now: () => NOW });
  return { attempts, statuses, getSessionStatus };
}

function attempt(overrides: Partial<PairingAttempt>): PairingAttempt {
  return {
    attemptId: 'a1',
    method: 'qr',
    state: 'waiting',
    startedAt: NOW - 5_000,
    endsAt: NOW + 155_000,
    aliveUntil: NOW + 60_000,
    recentStarts: [NOW - 5_000],
    ...overrides,
  };
}

describe('getSessionStatus', () => {
  it('answers unpaired for a session that was never paired', async () => {
    const { getSessionStatus } = setUp();

    expect(await getSessionStatus(ALICE)).toEqual({ status: 'unpaired' });
  });

  it('answers paired with the account and since when', async () => {
    // prepare
    const { statuses, getSessionStatus } = setUp();
    statuses.set(ALICE, {
      state: 'paired',
      jid: '5511999999999@s.whatsapp.net',
      pairedAt: '2026-06-01T10:00:00.000Z',
    });

    // act + assert
    expect(await getSessionStatus(ALICE)).toEqual({
      status: 'paired',
      jid: '5511999999999@s.whatsapp.net',
      since: '2026-06-01T10:00:00.000Z',
    });
  });

  it('answers a temporarily banned account as connecting, with the ban until it ends', async () => {
    // prepare
    const { statuses, getSessionStatus } = setUp();
    const ban = {
      reason: 'temporary_ban' as const,
      since: '2026-06-15T11:00:00Z',
      endsAt: '2026-06-15T13:00:00Z',
      banCode: 101,
    };
    statuses.set(ALICE, { state: 'paired', jid: '5511999999999@s.whatsapp.net', restriction: ban });

    // act
    const view = await getSessionStatus(ALICE);

    // assert
    expect(view).toEqual({
      status: 'restricted',
      jid: '5511999999999@s.whatsapp.net',
      since: null,
      restriction: ban,
    });
  });

  it('answers paired with the time lock while it holds, and without it once it ended', async () => {
    // prepare
    const { statuses, getSessionStatus } = setUp();
    const lock = { reason: 'reachout_timelock' as const, since: '2026-06-15T11:00:00Z' };
    const ended = { ...lock, endsAt: '2026-06-15T11:59:59Z' };
    const bob = { tenantId: 'acme', userId: 'bob' };
    statuses.set(ALICE, { state: 'paired', restriction: lock });
    statuses.set(bob, { state: 'paired', restriction: ended });

    // act + assert
    expect(await getSessionStatus(ALICE)).toEqual({
      status: 'paired',
      jid: null,
      since: null,
      restriction: lock,
    });
    expect(await getSessionStatus(bob)).toEqual({ status: 'paired', jid: null, since: null });
  });

  it('answers logged_out after WhatsApp revoked the link', async () => {
    const { statuses, getSessionStatus } = setUp();
    statuses.set(ALICE, { state: 'logged_out' });

    expect(await getSessionStatus(ALICE)).toEqual({ status: 'logged_out' });
  });

  it('answers pairing with the current QR payload while it is valid', async () => {
    // prepare
    const { attempts, getSessionStatus } = setUp();
    attempts.items.set('acme#alice', attempt({ qr: 'qr-2', codeExpiresAt: NOW + 12_000 }));

    // act + assert
    expect(await getSessionStatus(ALICE)).toEqual({
      status: 'pairing',
      qr: 'qr-2',
      expiresAt: NOW + 12_000,
    });
  });

  it('answers pairing without a code once the QR payload expired', async () => {
    const { attempts, getSessionStatus } = setUp();
    attempts.items.set('acme#alice', attempt({ qr: 'qr-old', codeExpiresAt: NOW - 1 }));

    expect(await getSessionStatus(ALICE)).toEqual({ status: 'pairing' });
  });

  it('answers connecting once the phone accepted the link', async () => {
    const { attempts, getSessionStatus } = setUp();
    attempts.items.set('acme#alice', attempt({ state: 'linking' }));

    expect(await getSessionStatus(ALICE)).toEqual({ status: 'connecting' });
  });

  it('ends an attempt its worker abandoned and answers the stored status', async () => {
    // prepare
    const { attempts, getSessionStatus } = setUp();
    attempts.items.set(
      'acme#alice',
      attempt({ qr: 'secret-qr', codeExpiresAt: NOW + 5_000, aliveUntil: NOW - 1 }),
    );

    // act
    const view = await getSessionStatus(ALICE);

    // assert
    expect(view).toEqual({ status: 'unpaired' });
    const stored = await attempts.latest(ALICE);
    expect(stored).toMatchObject({ state: 'ended', endReason: 'timed_out' });
    expect(stored?.qr).toBeUndefined();
  });

  it('never shows another user’s attempt', async () => {
    const { attempts, getSessionStatus } = setUp();
    attempts.items.set('acme#bob', attempt({ qr: 'bob-qr', codeExpiresAt: NOW + 10_000 }));

    expect(await getSessionStatus(ALICE)).toEqual({ status: 'unpaired' });
  });
});
