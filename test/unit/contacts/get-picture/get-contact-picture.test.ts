import { describe, expect, it } from 'vitest';
import {
  NotFoundError,
  UpstreamTimeoutError,
} from '../../../../functions/domain/errors/app-errors.ts';
import type { CachedPicture } from '../../../../functions/ports/picture-cache.ts';
import {
  LIVE_PICTURE,
  PICTURE,
  PICTURE_JID,
  pictureUseCaseOverFakes,
} from '../../../support/contacts/picture-fakes.ts';
import { NOW } from '../../../support/contacts/recording-get-contact-profile.ts';

const REQUEST = {
  identity: { tenantId: 'acme', userId: 'alice' },
  contact: { kind: 'jid', jid: PICTURE_JID } as const,
  type: 'image' as const,
  refresh: false,
  deadline: NOW + 10_000,
};

function cachedPicture(ageMs: number): CachedPicture {
  return {
    pictureJson: JSON.stringify(PICTURE),
    fetchedAt: NOW - ageMs,
    expiresAt: NOW + 540_000,
    pictureId: '1718000000',
  };
}

const setup = pictureUseCaseOverFakes;

describe('getContactPicture', () => {
  it('answers a fresh cache entry as a HIT without asking the worker', async () => {
    // prepare
    const { getContactPicture, workerClient, cache } = setup(LIVE_PICTURE, cachedPicture(60_000));

    // act
    const result = await getContactPicture(REQUEST);

    // assert
    expect(result).toEqual({
      kind: 'picture',
      pictureJson: JSON.stringify(PICTURE),
      pictureId: '1718000000',
      fetchedAt: NOW - 60_000,
      expiresAt: NOW + 540_000,
      cacheStatus: 'HIT',
    });
    expect(cache.reads).toEqual([{ contact: REQUEST.contact, type: 'image' }]);
    expect(workerClient.calls).toHaveLength(0);
  });

  it('fetches live on a miss, with the request’s whole deadline, and answers a MISS', async () => {
    // prepare
    const { getContactPicture, workerClient } = setup();

    // act
    const result = await getContactPicture(REQUEST);

    // assert
    expect(result).toEqual({
      kind: 'picture',
      pictureJson: JSON.stringify(PICTURE),
      pictureId: '1718000000',
      fetchedAt: NOW,
      expiresAt: NOW + 600_000,
      cacheStatus: 'MISS',
    });
    expect(workerClient.calls).toEqual([
      { contact: REQUEST.contact, type: 'image', deadline: NOW + 10_000, refresh: false },
    ]);
  });

  it('fetches live when refresh is asked even though the entry is fresh', async () => {
    // prepare
    const { getContactPicture, workerClient } = setup(LIVE_PICTURE, cachedPicture(1_000));

    // act
    const result = await getContactPicture({ ...REQUEST, refresh: true });

    // assert
    expect(result).toMatchObject({ cacheStatus: 'MISS' });
    expect(workerClient.calls[0]).toMatchObject({ refresh: true, deadline: NOW + 2_000 });
  });

  it('serves an entry past its freshness as STALE when the live fetch times out', async () => {
    // prepare
    const { getContactPicture } = setup(
      new UpstreamTimeoutError('WhatsApp did not answer in time'),
      cachedPicture(2 * 3600_000),
    );

    // act
    const result = await getContactPicture(REQUEST);

    // assert
    expect(result).toMatchObject({
      kind: 'picture',
      cacheStatus: 'STALE',
      fetchedAt: NOW - 7200_000,
    });
  });

  it('rethrows a live failure that no stale answer may hide', async () => {
    // prepare
    const notFound = new NotFoundError('not on WhatsApp');
    const { getContactPicture } = setup(notFound, cachedPicture(2 * 3600_000));

    // act
    const act = getContactPicture(REQUEST);

    // assert
    await expect(act).rejects.toBe(notFound);
  });

  it('rethrows a timeout when nothing is cached', async () => {
    // prepare
    const timeout = new UpstreamTimeoutError('WhatsApp did not answer in time');
    const { getContactPicture } = setup(timeout);

    // act
    const act = getContactPicture(REQUEST);

    // assert
    await expect(act).rejects.toBe(timeout);
  });

  it('passes the picture id the caller holds and answers unchanged when WhatsApp says so', async () => {
    // prepare
    const { getContactPicture, workerClient } = setup({
      picture: { jid: PICTURE_JID, unchanged: true },
      fetchedAt: NOW,
    });

    // act
    const result = await getContactPicture({ ...REQUEST, knownPictureId: '1718000000' });

    // assert
    expect(result).toEqual({ kind: 'unchanged', pictureId: '1718000000' });
    expect(workerClient.calls[0]?.existingId).toBe('1718000000');
  });

  it('gives a contact without a picture the empty picture id', async () => {
    // prepare
    const { getContactPicture } = setup({
      picture: { jid: PICTURE_JID, picture: null, visibility: 'not_set' },
      fetchedAt: NOW,
    });

    // act
    const result = await getContactPicture(REQUEST);

    // assert
    expect(result).toMatchObject({ kind: 'picture', pictureId: '', expiresAt: undefined });
  });
});
