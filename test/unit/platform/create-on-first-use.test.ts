import { describe, expect, it } from 'vitest';
import { createOnFirstUse } from '../../../functions/platform/create-on-first-use.ts';

class Counter {
  count = 0;
  increment(): number {
    this.count += 1;
    return this.count;
  }
}

describe('createOnFirstUse', () => {
  it('creates the client on its first use, once, with methods bound to it', () => {
    let created = 0;
    const counter = createOnFirstUse(() => {
      created += 1;
      return new Counter();
    });

    expect(created).toBe(0);
    const { increment } = counter;
    increment();
    counter.increment();

    expect(created).toBe(1);
    expect(counter.count).toBe(2);
  });
});
