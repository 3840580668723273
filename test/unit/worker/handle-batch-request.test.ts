import { describe, expect, it } from 'vitest';
import { batchReplyMessageSchema } from '../../../functions/contracts/shard-messages.ts';
import { NotFoundError, RateLimitedError } from '../../../functions/domain/errors/app-errors.ts';
import { createHandleBatchRequest } from '../../../functions/worker/handle-batch-request.ts';
import { SEED_PROFILE } from '../../support/seed-profile.ts';
import {
  BATCH_LOOKUP,
  fakeDirectory,
  NOW,
  recordingCaches,
  signal,
} from '../../support/worker/lookup-fakes.ts';

describe('createHandleBatchRequest', () => {
  it('answers one item per contact in order, caching each profile found', async () => {
    const caches = recordingCaches();
    const directory = fakeDirectory({
      batch: [
        { ok: true, profile: SEED_PROFILE },
        { ok: false, error: new NotFoundError('the number is not on WhatsApp') },
        { ok: false, error: new RateLimitedError('budget spent', 6) },
      ],
    });
    const handle = createHandleBatchRequest({
      directory,
      cache: caches.profileCache,
      now: () => NOW,
    });

    const outcome = await handle(BATCH_LOOKUP, signal());

    expect(directory.batches).toEqual([BATCH_LOOKUP.contacts]);
    expect(batchReplyMessageSchema.parse(outcome.reply)).toEqual({
      version: 1,
      correlationId: 'corr-1',
      ok: true,
      items: [
        { ok: true, profile: SEED_PROFILE, fetchedAt: NOW },
        { ok: false, errorCode: 'NOT_FOUND', message: 'the number is not on WhatsApp' },
        { ok: false, errorCode: 'RATE_LIMITED', message: 'budget spent', retryAfterSeconds: 6 },
      ],
    });
    expect(caches.profiles).toEqual([{ askedAs: BATCH_LOOKUP.contacts[0], profile: SEED_PROFILE }]);
  });
});
