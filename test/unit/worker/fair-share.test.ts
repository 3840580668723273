import { describe, expect, it } from 'vitest';
import { fairShare, shardsToHandOver } from '../../../functions/worker/fair-share.ts';

describe('fairShare', () => {
  it('gives a lone task every shard', () => {
    expect(fairShare(64, 1)).toBe(64);
  });

  it('splits shards evenly between tasks, rounding up', () => {
    expect(fairShare(4, 2)).toBe(2);
    expect(fairShare(64, 3)).toBe(22);
    expect(fairShare(64, 5)).toBe(13);
  });

  it('leaves room for every shard whatever the number of tasks', () => {
    for (let tasks = 1; tasks <= 70; tasks++) {
      expect(fairShare(64, tasks) * tasks).toBeGreaterThanOrEqual(64);
    }
  });

  it('gives each of more tasks than shards at most one shard', () => {
    expect(fairShare(4, 9)).toBe(1);
  });

  it('counts a task that sees no one, not even itself, as alone', () => {
    expect(fairShare(4, 0)).toBe(4);
  });
});

describe('shardsToHandOver', () => {
  it('hands nothing over at or under the share', () => {
    expect(shardsToHandOver([0, 1], 2)).toEqual([]);
    expect(shardsToHandOver([0], 2)).toEqual([]);
  });

  it('hands over the highest-numbered shards above the share', () => {
    expect(shardsToHandOver([3, 0, 2, 1], 2)).toEqual([2, 3]);
  });
});
