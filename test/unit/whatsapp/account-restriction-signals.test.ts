import { describe, expect, it } from 'vitest';
import {
  isReachoutTimelockRefusal,
  reachoutTimelockOf,
  temporaryBanOf,
} from '../../../functions/whatsapp/account-restriction-signals.ts';
import { WhatsAppStanzaError } from '../../../functions/whatsapp/whatsapp-stanza-error.ts';

const NOW = Date.parse('2026-12-08T03:00:00Z');

/** Baileys' errors are Boom objects: a status code, and what it read as data. */
function boom(message: string, options: { statusCode?: number; data?: unknown }) {
  return Object.assign(new Error(message), {
    isBoom: true as const,
    data: options.data,
    output: { statusCode: options.statusCode ?? 500 },
  });
}

/** As Baileys 7 ends a socket on `<failure>`: its reason the status code, its attributes data. */
function connectionFailure(attrs: Record<string, string>) {
  return boom('Connection Failure', { statusCode: Number(attrs.reason), data: attrs });
}

describe('temporaryBanOf', () => {
  it('reads the code and the expiry of a temporary-ban failure', () => {
    // prepare
    const failure = connectionFailure({ reason: '402', code: '101', expire: '86400' });

    // act
    const ban = temporaryBanOf(failure, NOW);

    // assert
    expect(ban).toEqual({
      reason: 'temporary_ban',
      since: '2026-12-08T03:00:00Z',
      endsAt: '2026-12-09T03:00:00Z',
      banCode: 101,
    });
  });

  it('leaves the end out when WhatsApp sends no expiry', () => {
    // act
    const ban = temporaryBanOf(connectionFailure({ reason: '402', code: '104' }), NOW);

    // assert
    expect(ban).toEqual({ reason: 'temporary_ban', since: '2026-12-08T03:00:00Z', banCode: 104 });
  });

  it('reads a stream error carrying the ban (its node as data)', () => {
    // prepare
    const streamError = boom('Stream Errored (unknown)', {
      statusCode: 402,
      data: { tag: 'stream:error', attrs: { code: '402', expire: '60' } },
    });

    // act
    const ban = temporaryBanOf(streamError, NOW);

    // assert
    expect(ban?.endsAt).toBe('2026-12-08T03:01:00Z');
  });

  it('is no ban for a logout, a restart or a dropped connection', () => {
    expect(temporaryBanOf(connectionFailure({ reason: '401' }), NOW)).toBeUndefined();
    expect(temporaryBanOf(boom('restart', { statusCode: 515 }), NOW)).toBeUndefined();
    expect(temporaryBanOf(new Error('closed'), NOW)).toBeUndefined();
    expect(temporaryBanOf(undefined, NOW)).toBeUndefined();
  });
});

describe('isReachoutTimelockRefusal', () => {
  it('recognises error 463 thrown by Baileys or read from the reply', () => {
    expect(isReachoutTimelockRefusal(boom('x', { data: 463 }))).toBe(true);
    expect(isReachoutTimelockRefusal(new WhatsAppStanzaError(463, 'reachout-timelocked'))).toBe(
      true,
    );
    expect(isReachoutTimelockRefusal(new WhatsAppStanzaError(429, 'rate-overlimit'))).toBe(false);
  });
});

describe('reachoutTimelockOf', () => {
  it('reads an active lock and its end', () => {
    // act
    const lock = reachoutTimelockOf(
      { isActive: true, timeEnforcementEnds: new Date('2026-12-08T05:00:00Z') },
      NOW,
    );

    // assert
    expect(lock).toEqual({
      reason: 'reachout_timelock',
      since: '2026-12-08T03:00:00Z',
      endsAt: '2026-12-08T05:00:00Z',
    });
  });

  it('drops an end already past, and reads an inactive state as lifted', () => {
    const stale = reachoutTimelockOf(
      { isActive: true, timeEnforcementEnds: new Date('2026-12-08T02:00:00Z') },
      NOW,
    );

    expect(stale).toEqual({ reason: 'reachout_timelock', since: '2026-12-08T03:00:00Z' });
    expect(reachoutTimelockOf({ isActive: false }, NOW)).toBe('lifted');
  });
});
