import { describe, expect, it } from 'vitest';
import {
  CHANGE_NOTIFICATION_SETTINGS,
  replayDayOfChanges,
} from '../../../bench/change-notifications.ts';

describe('replayDayOfChanges (the bench replay)', () => {
  it('serves no outdated answer with notifications, fewer lookups than refreshing every read', async () => {
    const settings = CHANGE_NOTIFICATION_SETTINGS.quick;

    const day = await replayDayOfChanges(settings);

    expect(day.reads).toBe(settings.contacts * settings.readsPerContactPerDay);
    expect(day.refreshEveryRead).toMatchObject({ liveLookups: day.reads, outdatedAnswers: 0 });
    expect(day.notifications.outdatedAnswers).toBe(0);
    expect(day.notifications.liveLookups).toBeLessThan(day.refreshEveryRead.liveLookups);
    expect(day.timeOnly.outdatedAnswers).toBeGreaterThan(0);
    // Every contact is cached, so every change reaches an entry and is told once.
    expect(day.notifications.events).toBe(settings.changesPerDay);
  });
});
