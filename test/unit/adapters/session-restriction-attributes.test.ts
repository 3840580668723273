import { describe, expect, it } from 'vitest';
import {
  restrictionOf,
  restrictionUpdate,
} from '../../../functions/adapters/session-restriction-attributes.ts';

describe('restrictionUpdate', () => {
  it('sets a ban with its end and code, keeping its first time', () => {
    // act
    const update = restrictionUpdate({
      reason: 'temporary_ban',
      since: '2026-12-08T03:00:00Z',
      endsAt: '2026-12-09T03:00:00Z',
      banCode: 101,
    });

    // assert
    expect(update.expression).toBe(
      'SET bannedAt = if_not_exists(bannedAt, :since), banEndsAt = :endsAt, banCode = :code',
    );
    expect(update.values).toEqual({
      ':since': { S: '2026-12-08T03:00:00Z' },
      ':endsAt': { S: '2026-12-09T03:00:00Z' },
      ':code': { N: '101' },
    });
  });

  it('removes the end of a time lock WhatsApp gave none for', () => {
    // act
    const update = restrictionUpdate({ reason: 'reachout_timelock', since: 'x' });

    // assert
    expect(update.expression).toBe(
      'SET timelockedAt = if_not_exists(timelockedAt, :since) REMOVE timelockEndsAt',
    );
  });
});

describe('restrictionOf', () => {
  it('reads a ban before a time lock, and nothing from an item without either', () => {
    // prepare
    const item = {
      timelockedAt: { S: 'a' },
      bannedAt: { S: 'b' },
      banCode: { N: '102' },
    };

    // act / assert
    expect(restrictionOf(item)).toEqual({ reason: 'temporary_ban', since: 'b', banCode: 102 });
    expect(restrictionOf({ timelockedAt: { S: 'a' } })).toEqual({
      reason: 'reachout_timelock',
      since: 'a',
    });
    expect(restrictionOf({ state: { S: 'paired' } })).toBeUndefined();
  });
});
