import { describe, expect, it } from 'vitest';
import { JSON_CONTENT_TYPE } from '../../../../functions/api/error-envelope.ts';
import type { ContactProfileResult } from '../../../../functions/contacts/get-profile/get-contact-profile.ts';
import {
  matchesIfNoneMatch,
  profileResponse,
  successBodyJson,
} from '../../../../functions/contacts/get-profile/profile-response.ts';
import { NOW } from '../../../support/contacts/recording-get-contact-profile.ts';

const ETAG = '"abc123"';
const PROFILE_JSON =
  '{"jid":"5511999999999@s.whatsapp.net","user_info":{},"business_profile":null}';

function result(overrides: Partial<ContactProfileResult> = {}): ContactProfileResult {
  return {
    profileJson: PROFILE_JSON,
    fetchedAt: NOW - 90_500,
    etag: ETAG,
    cacheStatus: 'HIT',
    ...overrides,
  };
}

describe('profileResponse', () => {
  it('answers 200 with the success body and the cache headers', () => {
    // act
    const response = profileResponse(result(), {
      ifNoneMatch: undefined,
      freshSeconds: 3600,
      now: NOW,
    });

    // assert
    expect(response.statusCode).toBe(200);
    expect(response.headers).toEqual({
      'Content-Type': JSON_CONTENT_TYPE,
      'X-Cache': 'HIT',
      Age: '90',
      ETag: ETAG,
      'Cache-Control': 'private, max-age=3510',
    });
    expect(JSON.parse(response.body)).toEqual({
      success: true,
      data: JSON.parse(PROFILE_JSON),
    });
  });

  it.each([
    {
      what: 'reports MISS with Age 0 and the full max-age for a just-fetched profile',
      cacheStatus: 'MISS',
      fetchedAt: NOW,
      freshSeconds: 600,
      age: '0',
      maxAge: 'private, max-age=600',
    },
    {
      what: 'gives a STALE profile max-age=0',
      cacheStatus: 'STALE',
      fetchedAt: NOW - 7_200_000,
      freshSeconds: 3600,
      age: '7200',
      maxAge: 'private, max-age=0',
    },
  ] as const)('$what', ({ cacheStatus, fetchedAt, freshSeconds, age, maxAge }) => {
    const response = profileResponse(result({ cacheStatus, fetchedAt }), {
      ifNoneMatch: undefined,
      freshSeconds,
      now: NOW,
    });
    expect(response.headers).toMatchObject({
      'X-Cache': cacheStatus,
      Age: age,
      'Cache-Control': maxAge,
    });
  });

  it('never reports a negative Age when fetchedAt is in the future', () => {
    const response = profileResponse(result({ fetchedAt: NOW + 5000 }), {
      ifNoneMatch: undefined,
      freshSeconds: 60,
      now: NOW,
    });
    expect(response.headers).toMatchObject({ Age: '0', 'Cache-Control': 'private, max-age=60' });
  });

  it('answers 304 without a body when If-None-Match holds the ETag', () => {
    // act
    const response = profileResponse(result(), { ifNoneMatch: ETAG, freshSeconds: 3600, now: NOW });

    // assert
    expect(response.statusCode).toBe(304);
    expect(response.body).toBe('');
    expect(response.headers).toEqual({
      'X-Cache': 'HIT',
      Age: '90',
      ETag: ETAG,
      'Cache-Control': 'private, max-age=3510',
    });
  });

  it('answers 200 when If-None-Match holds another ETag', () => {
    const response = profileResponse(result(), {
      ifNoneMatch: '"other"',
      freshSeconds: 3600,
      now: NOW,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(successBodyJson(PROFILE_JSON));
  });
});

describe('matchesIfNoneMatch', () => {
  it.each([
    [ETAG, true],
    [`W/${ETAG}`, true],
    [`"x", ${ETAG}`, true],
    [`"x",W/${ETAG} , "y"`, true],
    ['*', true],
    ['"x", "y"', false],
    ['abc123', false],
    ['', false],
  ])('matches %j: %s', (header, expected) => {
    expect(matchesIfNoneMatch(header, ETAG)).toBe(expected);
  });

  it('does not match when the header is absent', () => {
    expect(matchesIfNoneMatch(undefined, ETAG)).toBe(false);
  });
});

describe('successBodyJson', () => {
  it('wraps the stored JSON without re-serialising it', () => {
    // prepare: key order and spacing must survive byte for byte
    const stored = '{"b":1, "a":2}';

    // act
    const body = successBodyJson(stored);

    // assert
    expect(body).toBe('{"success":true,"data":{"b":1, "a":2}}');
  });
});
