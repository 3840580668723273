import { QueueDoesNotExist } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { retryWhileQueueIsNew } from '../../../functions/platform/retry-while-queue-is-new.ts';

function queueDoesNotExist(): QueueDoesNotExist {
  return new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: {} });
}

/** A call that fails with `errors` in turn, then answers `ok`; counts its calls. */
function failingThen(errors: Error[]) {
  let calls = 0;
  return {
    call: async () => {
      const error = errors[calls++];
      if (error) throw error;
      return 'ok';
    },
    calls: () => calls,
  };
}

describe('retryWhileQueueIsNew', () => {
  it('retries QueueDoesNotExist until the new queue answers', async () => {
    // prepare
    const sqs = failingThen([queueDoesNotExist(), queueDoesNotExist()]);

    // act
    const answer = await retryWhileQueueIsNew(sqs.call, {
      giveUpAt: Date.now() + 5_000,
      pauseMs: () => 1,
    });

    // assert
    expect(answer).toBe('ok');
    expect(sqs.calls()).toBe(3);
  });

  it('throws any other error at once', async () => {
    // prepare
    const sqs = failingThen([new Error('AccessDenied')]);

    // act
    const attempt = retryWhileQueueIsNew(sqs.call, {
      giveUpAt: Date.now() + 5_000,
      pauseMs: () => 1,
    });

    // assert
    await expect(attempt).rejects.toThrow('AccessDenied');
    expect(sqs.calls()).toBe(1);
  });

  it('gives up when the next pause would end past giveUpAt', async () => {
    // prepare
    const sqs = failingThen([queueDoesNotExist(), queueDoesNotExist(), queueDoesNotExist()]);
    let clock = 1_000;

    // act
    const attempt = retryWhileQueueIsNew(sqs.call, {
      giveUpAt: 1_150,
      pauseMs: () => 100,
      now: () => {
        const time = clock;
        clock += 100;
        return time;
      },
    });

    // assert: 1,000 + 100 fits, 1,100 + 100 does not
    await expect(attempt).rejects.toBeInstanceOf(QueueDoesNotExist);
    expect(sqs.calls()).toBe(2);
  });
});
