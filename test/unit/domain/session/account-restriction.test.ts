import { describe, expect, it } from 'vitest';
import {
  type AccountRestriction,
  describeBanCode,
  describeRestriction,
  restrictionHolds,
  restrictionTime,
} from '../../../../functions/domain/session/account-restriction.ts';

const NOW = Date.parse('2026-12-08T03:00:00Z');

describe('restrictionHolds', () => {
  it('holds a restriction until its end', () => {
    // prepare
    const lock: AccountRestriction = {
      reason: 'reachout_timelock',
      since: '2026-12-08T02:00:00Z',
      endsAt: '2026-12-08T04:00:00Z',
    };

    // act / assert
    expect(restrictionHolds(lock, NOW)).toBe(true);
    expect(restrictionHolds(lock, Date.parse('2026-12-08T04:00:00Z'))).toBe(false);
  });

  it('holds a restriction without an end until it is lifted', () => {
    // prepare
    const ban: AccountRestriction = { reason: 'temporary_ban', since: '2026-12-01T00:00:00Z' };

    // act / assert
    expect(restrictionHolds(ban, NOW + 365 * 86_400_000)).toBe(true);
  });
});

describe('describeRestriction', () => {
  it('names a temporary ban, its code and its end', () => {
    // prepare
    const ban: AccountRestriction = {
      reason: 'temporary_ban',
      since: '2026-12-08T03:00:00Z',
      endsAt: '2026-12-09T03:00:00Z',
      banCode: 102,
    };

    // act
    const message = describeRestriction(ban);

    // assert
    expect(message).toContain('temporary_ban, 102: too many people blocked this number');
    expect(message).toContain('until 2026-12-09T03:00:00Z');
  });

  it('names the reach-out time lock without an end when WhatsApp gave none', () => {
    // act
    const message = describeRestriction({ reason: 'reachout_timelock', since: 'x' });

    // assert
    expect(message).toContain('(reachout_timelock);');
    expect(message).not.toMatch(/until \d/);
  });
});

describe('describeBanCode', () => {
  it('reports a code WhatsApp clients do not explain by number only', () => {
    expect(describeBanCode(999)).toBe('999');
    expect(describeBanCode(undefined)).toBeUndefined();
  });
});

describe('restrictionTime', () => {
  it('writes ISO-8601 UTC to the second', () => {
    expect(restrictionTime(NOW + 999)).toBe('2026-12-08T03:00:00Z');
  });
});
