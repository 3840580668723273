import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { conditionHeld } from '../../../functions/platform/conditional-write.ts';

describe('conditionHeld', () => {
  it('returns true when the write succeeds', async () => {
    expect(await conditionHeld(async () => ({}))).toBe(true);
  });

  it('returns false when DynamoDB refuses the write on its condition', async () => {
    // prepare
    const refused = new ConditionalCheckFailedException({
      message: 'The conditional request failed',
      $metadata: {},
    });

    // act
    const held = await conditionHeld(async () => {
      throw refused;
    });

    // assert
    expect(held).toBe(false);
  });

  it('rethrows any other failure', async () => {
    // prepare
    const failure = new Error('throttled');

    // act
    const act = conditionHeld(async () => {
      throw failure;
    });

    // assert
    await expect(act).rejects.toBe(failure);
  });
});
