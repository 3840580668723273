import { describe, expect, it } from 'vitest';
import type { ContactPictureResult } from '../../../../functions/contacts/get-picture/get-contact-picture.ts';
import {
  knownPictureIdFrom,
  pictureEtag,
  pictureResponse,
} from '../../../../functions/contacts/get-picture/picture-response.ts';
import { profileEtag } from '../../../../functions/domain/contact/profile-etag.ts';
import { NOW } from '../../../support/contacts/recording-get-contact-profile.ts';

const PICTURE_JSON = '{"jid":"1@s.whatsapp.net","picture":{"id":"1718000000"}}';

function result(overrides: Partial<ContactPictureResult> = {}): ContactPictureResult {
  return {
    kind: 'picture',
    pictureJson: PICTURE_JSON,
    pictureId: '1718000000',
    fetchedAt: NOW - 100_000,
    expiresAt: NOW + 3_600_000,
    cacheStatus: 'HIT',
    ...overrides,
  };
}

const OPTIONS = { ifNoneMatch: undefined, freshSeconds: 3600, now: NOW };

describe('pictureEtag', () => {
  it('is the quoted picture id when there is one', () => {
    expect(pictureEtag('1718000000', PICTURE_JSON)).toBe('"1718000000"');
  });

  it('is the hash of the answer when there is no picture', () => {
    const json = '{"jid":"1@s.whatsapp.net","picture":null,"visibility":"hidden"}';
    expect(pictureEtag('', json)).toBe(profileEtag(json));
  });
});

describe('knownPictureIdFrom', () => {
  it.each([
    ['"1718000000"', '1718000000'],
    ['W/"1718000000"', '1718000000'],
    ['  "42"  ', '42'],
  ])('reads the picture id from If-None-Match %s', (header, id) => {
    expect(knownPictureIdFrom(header)).toBe(id);
  });

  it.each([
    ['no header', undefined],
    ['a hash ETag', '"Ab_c-1"'],
    ['two ids', '"1", "2"'],
    ['an unquoted id', '1718000000'],
    ['the wildcard', '*'],
  ])('gives no id for %s', (_case, header) => {
    expect(knownPictureIdFrom(header)).toBeUndefined();
  });
});

describe('pictureResponse', () => {
  it('answers 200 with the envelope, its age and max-age left of the freshness', () => {
    // act
    const response = pictureResponse(result(), OPTIONS);

    // assert
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ success: true, data: JSON.parse(PICTURE_JSON) });
    expect(response.headers).toMatchObject({
      'X-Cache': 'HIT',
      Age: '100',
      ETag: '"1718000000"',
      'Cache-Control': 'private, max-age=3500',
    });
  });

  it('never lets max-age reach past the URL’s expiry', () => {
    // act
    const response = pictureResponse(result({ expiresAt: NOW + 90_000 }), OPTIONS);

    // assert
    expect(response.headers?.['Cache-Control']).toBe('private, max-age=90');
  });

  it('gives a STALE answer max-age 0', () => {
    // act
    const response = pictureResponse(result({ cacheStatus: 'STALE' }), OPTIONS);

    // assert
    expect(response.headers).toMatchObject({
      'X-Cache': 'STALE',
      'Cache-Control': 'private, max-age=0',
    });
  });

  it('answers 304 with the same headers and no body when the caller holds the ETag', () => {
    // act
    const response = pictureResponse(result(), { ...OPTIONS, ifNoneMatch: '"1718000000"' });

    // assert
    expect(response).toEqual({
      statusCode: 304,
      headers: {
        'X-Cache': 'HIT',
        Age: '100',
        ETag: '"1718000000"',
        'Cache-Control': 'private, max-age=3500',
      },
      body: '',
    });
  });

  it('answers 304 for a picture WhatsApp says is unchanged, never to be cached', () => {
    // act
    const response = pictureResponse({ kind: 'unchanged', pictureId: '1718000000' }, OPTIONS);

    // assert
    expect(response).toEqual({
      statusCode: 304,
      headers: {
        'X-Cache': 'MISS',
        Age: '0',
        ETag: '"1718000000"',
        'Cache-Control': 'private, max-age=0',
      },
      body: '',
    });
  });
});
