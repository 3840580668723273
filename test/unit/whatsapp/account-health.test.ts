import { describe, expect, it } from 'vitest';
import { AccountRestrictedError } from '../../../functions/domain/errors/app-errors.ts';
import type { AccountRestriction } from '../../../functions/domain/session/account-restriction.ts';
import {
  AccountHealth,
  BAN_END_SPREAD_MS,
  BAN_RETRY_AT_MOST_MS,
  BAN_RETRY_WITHOUT_END_MS,
  TIMELOCK_HOLD_WITHOUT_END_MS,
} from '../../../functions/whatsapp/account-health.ts';
import { WhatsAppStanzaError } from '../../../functions/whatsapp/whatsapp-stanza-error.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';

const IDENTITY = { tenantId: 'acme', userId: 'alice' };
const START = Date.parse('2026-12-08T03:00:00Z');
const REFUSED_463 = new WhatsAppStanzaError(463, 'reachout-timelocked');

/** An account's health over a recording status store and a clock the test moves. */
function healthOver(options: { random?: number } = {}) {
  const clock = { now: START };
  const restricted: AccountRestriction[] = [];
  let timelocksEnded = 0;
  const statusStore = {
    restrict: async (_identity: unknown, restriction: AccountRestriction) => {
      restricted.push(restriction);
    },
    endTimelock: async () => {
      timelocksEnded += 1;
    },
  };
  const health = new AccountHealth({
    identity: IDENTITY,
    statusStore,
    logger: silentLogger(),
    now: () => clock.now,
    random: () => options.random ?? 0,
  });
  return { health, clock, restricted, timelocksEnded: () => timelocksEnded };
}

describe('AccountHealth', () => {
  it('turns a 463 into the time lock WhatsApp tells the end of, asked once, and recorded once', async () => {
    // prepare
    const { health, restricted } = healthOver();
    let asked = 0;
    const ask = async () => {
      asked += 1;
      return { isActive: true, timeEnforcementEnds: new Date(START + 7_200_000) };
    };

    // act: three lookups refused at once
    const thrown = await Promise.all([1, 2, 3].map(() => health.refused(REFUSED_463, ask)));

    // assert
    for (const error of thrown) {
      expect(error).toBeInstanceOf(AccountRestrictedError);
      expect((error as AccountRestrictedError).retryAfterSeconds).toBe(7_200);
    }
    expect(asked).toBe(1);
    expect(restricted).toEqual([
      {
        reason: 'reachout_timelock',
        since: '2026-12-08T03:00:00Z',
        endsAt: '2026-12-08T05:00:00Z',
      },
    ]);
  });

  it('records the lock once when the query answer also arrives as the Baileys push', async () => {
    // prepare: as Baileys' fetchAccountReachoutTimelock emits its answer before returning it
    const { health, restricted } = healthOver();
    const state = { isActive: true, timeEnforcementEnds: new Date(START + 600_000) };
    const ask = async () => {
      await health.timelockPushed(state);
      return state;
    };

    // act
    await health.refused(REFUSED_463, ask);

    // assert
    expect(restricted).toHaveLength(1);
  });

  it('refuses lookups at once while the lock holds, and lets them through after it', async () => {
    // prepare
    const { health, clock } = healthOver();
    await health.refused(REFUSED_463, undefined);

    // act
    const during = health.refusal();
    clock.now += TIMELOCK_HOLD_WITHOUT_END_MS;
    const after = health.refusal();

    // assert
    expect(during?.retryAfterSeconds).toBe(TIMELOCK_HOLD_WITHOUT_END_MS / 1000);
    expect(during?.message).toContain('reachout_timelock');
    expect(after).toBeUndefined();
  });

  it('holds a lock whose end WhatsApp would not tell for the hold, recorded without an end', async () => {
    // prepare
    const { health, restricted } = healthOver();
    const failing = async () => Promise.reject(new Error('mex query refused'));

    // act
    const error = await health.refused(REFUSED_463, failing);

    // assert
    expect((error as AccountRestrictedError).retryAfterSeconds).toBe(60);
    expect(restricted).toEqual([{ reason: 'reachout_timelock', since: '2026-12-08T03:00:00Z' }]);
  });

  it('passes any other refusal through unchanged, and records nothing', async () => {
    // prepare
    const { health, restricted } = healthOver();
    const rateLimited = new WhatsAppStanzaError(429, 'rate-overlimit');

    // act
    const error = await health.refused(rateLimited, undefined);

    // assert
    expect(error).toBe(rateLimited);
    expect(health.refusal()).toBeUndefined();
    expect(restricted).toEqual([]);
  });

  it('ends a lock past its hold after a lookup that went through', async () => {
    // prepare
    const { health, clock, timelocksEnded } = healthOver();
    await health.refused(REFUSED_463, undefined);

    // act
    await health.succeeded();
    const endedWhileHeld = timelocksEnded();
    clock.now += TIMELOCK_HOLD_WITHOUT_END_MS;
    await health.succeeded();

    // assert
    expect(endedWhileHeld).toBe(0);
    expect(timelocksEnded()).toBe(1);
    expect(health.restriction).toBeUndefined();
  });

  it('records a lock WhatsApp pushes, once per end, and its lift', async () => {
    // prepare
    const { health, restricted, timelocksEnded } = healthOver();
    const state = { isActive: true, timeEnforcementEnds: new Date(START + 600_000) };

    // act
    await health.timelockPushed(state);
    await health.timelockPushed(state);
    await health.timelockPushed({ isActive: false });

    // assert
    expect(restricted).toHaveLength(1);
    expect(timelocksEnded()).toBe(1);
    expect(health.refusal()).toBeUndefined();
  });

  it('reconnects a banned session once, when the ban ends, spread over half a minute', () => {
    // prepare
    const { health, restricted } = healthOver({ random: 1 });
    const ban: AccountRestriction = {
      reason: 'temporary_ban',
      since: '2026-12-08T03:00:00Z',
      endsAt: '2026-12-08T04:00:00Z',
      banCode: 101,
    };

    // act
    const { delayMs } = health.banned(ban);

    // assert
    expect(delayMs).toBe(3_600_000 + BAN_END_SPREAD_MS);
    expect(restricted).toEqual([ban]);
    expect(health.refusal()?.message).toContain('temporary_ban, 101');
    expect(health.refusal()?.retryAfterSeconds).toBe(3_600);
  });

  it('tries a ban longer than a day again after a day, never at once', () => {
    // prepare
    const { health } = healthOver();

    // act
    const { delayMs } = health.banned({
      reason: 'temporary_ban',
      since: '2026-12-08T03:00:00Z',
      endsAt: '2027-03-08T03:00:00Z',
    });

    // assert
    expect(delayMs).toBe(BAN_RETRY_AT_MOST_MS);
    expect(health.refusal()?.retryAfterSeconds).toBeGreaterThan(80 * 86_400);
  });

  it('tries a ban without an expiry again after an hour, and forgets it once the socket opens', () => {
    // prepare
    const { health } = healthOver();

    // act
    const { delayMs } = health.banned({ reason: 'temporary_ban', since: 'x' });
    const whileBanned = health.refusal();
    health.opened();

    // assert
    expect(delayMs).toBe(BAN_RETRY_WITHOUT_END_MS);
    expect(whileBanned).toBeInstanceOf(AccountRestrictedError);
    expect(health.refusal()).toBeUndefined();
  });
});
