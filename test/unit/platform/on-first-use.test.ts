import { describe, expect, it } from 'vitest';
import { onFirstUse } from '../../../functions/platform/on-first-use.ts';

describe('onFirstUse', () => {
  it('creates nothing until the first use', () => {
    // prepare
    let created = 0;

    // act
    onFirstUse(() => ++created);

    // assert
    expect(created).toBe(0);
  });

  it('creates the value once and hands out the same one ever after', () => {
    // prepare
    let created = 0;
    const client = onFirstUse(() => ({ number: ++created }));

    // act
    const first = client();
    const second = client();

    // assert
    expect(second).toBe(first);
    expect(created).toBe(1);
  });

  it('creates a value that is undefined only once too', () => {
    // prepare
    let created = 0;
    const nothing = onFirstUse(() => {
      created++;
      return undefined;
    });

    // act
    nothing();
    nothing();

    // assert
    expect(created).toBe(1);
  });
});
