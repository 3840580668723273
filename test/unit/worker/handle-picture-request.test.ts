import { describe, expect, it } from 'vitest';
import { pictureReplyMessageSchema } from '../../../functions/contracts/shard-messages.ts';
import { NotFoundError } from '../../../functions/domain/errors/app-errors.ts';
import { createHandlePictureRequest } from '../../../functions/worker/handle-picture-request.ts';
import { SEED_PROFILE } from '../../support/seed-profile.ts';
import {
  fakeDirectory,
  NOW,
  PICTURE,
  PICTURE_LOOKUP,
  recordingCaches,
  signal,
} from '../../support/worker/lookup-fakes.ts';

describe('createHandlePictureRequest', () => {
  it("answers the picture and caches it until the URL's oe expiry", async () => {
    const caches = recordingCaches();
    const handle = createHandlePictureRequest({
      directory: fakeDirectory({ picture: PICTURE }),
      cache: caches.pictureCache,
      now: () => NOW,
    });

    const outcome = await handle(PICTURE_LOOKUP, signal());

    expect(outcome.kind).toBe('reply');
    expect(pictureReplyMessageSchema.parse(outcome.reply)).toEqual({
      version: 1,
      correlationId: 'corr-1',
      ok: true,
      picture: PICTURE,
      fetchedAt: NOW,
      expiresAt: Date.parse('2026-06-20T00:00:00Z'),
    });
    expect(caches.pictures).toEqual([
      { askedAs: PICTURE_LOOKUP.contact, urlExpiresAt: Date.parse('2026-06-20T00:00:00Z') },
    ]);
  });

  it('answers unchanged without caching anything', async () => {
    const caches = recordingCaches();
    const handle = createHandlePictureRequest({
      directory: fakeDirectory({ picture: { jid: SEED_PROFILE.jid, unchanged: true } }),
      cache: caches.pictureCache,
    });

    const outcome = await handle({ ...PICTURE_LOOKUP, existingId: '1718000000' }, signal());

    expect(outcome.reply).toMatchObject({ ok: true, picture: { unchanged: true } });
    expect(caches.pictures).toEqual([]);
  });

  it('answers NOT_FOUND for a contact not on WhatsApp', async () => {
    const caches = recordingCaches();
    const handle = createHandlePictureRequest({
      directory: fakeDirectory({ picture: new NotFoundError('the number is not on WhatsApp') }),
      cache: caches.pictureCache,
    });

    const outcome = await handle(PICTURE_LOOKUP, signal());

    expect(outcome).toMatchObject({
      kind: 'reply',
      reply: { ok: false, errorCode: 'NOT_FOUND', message: 'the number is not on WhatsApp' },
    });
  });
});
