import { describe, expect, it } from 'vitest';
import * as z from '../../../../functions/domain/validation/zod-mini.ts';

// This file imports zod/mini through our module only: the classic API, which would set the
// English locale as it loads, is not loaded here.
describe('zod-mini', () => {
  it("gives the classic API's English messages", () => {
    // act
    const result = z.object({ jid: z.string() }).safeParse({ jid: 5511 });

    // assert
    expect(result.error?.issues[0]?.message).toBe(
      'Invalid input: expected string, received number',
    );
  });

  it('keeps a message a schema names itself', () => {
    // act
    const result = z.string().check(z.maxLength(3, 'is too long')).safeParse('abcd');

    // assert
    expect(result.error?.issues[0]?.message).toBe('is too long');
  });
});
