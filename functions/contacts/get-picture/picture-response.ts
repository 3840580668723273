import type { APIGatewayProxyResult } from 'aws-lambda';
import { JSON_CONTENT_TYPE } from '../../api/error-envelope.ts';
import { profileEtag } from '../../domain/contact/profile-etag.ts';
import { matchesIfNoneMatch, successBodyJson } from '../get-profile/profile-response.ts';
import type { ContactPictureResult, UnchangedPictureResult } from './get-contact-picture.ts';

/** The ETag of a picture answer: its picture id, or a hash of the answer when it has none. */
export function pictureEtag(pictureId: string, pictureJson: string): string {
  return pictureId ? `"${pictureId}"` : profileEtag(pictureJson);
}

/**
 * The picture id a caller already holds, from If-None-Match (`"1718000000"`, weak or not): what
 * the worker may ask WhatsApp about instead of fetching a URL. One id only; anything else is none.
 */
export function knownPictureIdFrom(ifNoneMatch: string | undefined): string | undefined {
  const match = ifNoneMatch?.trim().match(/^(?:W\/)?"(\d{1,24})"$/);
  return match?.[1];
}

/**
 * 200 with the profile's cache headers, `max-age` never reaching past the URL's expiry; 304
 * when the caller holds the same picture id.
 */
export function pictureResponse(
  result: ContactPictureResult | UnchangedPictureResult,
  options: { ifNoneMatch: string | undefined; freshSeconds: number; now: number },
): APIGatewayProxyResult {
  if (result.kind === 'unchanged') {
    return {
      statusCode: 304,
      headers: {
        'X-Cache': 'MISS',
        Age: '0',
        ETag: `"${result.pictureId}"`,
        'Cache-Control': 'private, max-age=0',
      },
      body: '',
    };
  }
  const etag = pictureEtag(result.pictureId, result.pictureJson);
  const ageSeconds = Math.max(0, Math.floor((options.now - result.fetchedAt) / 1000));
  const urlLeftSeconds =
    result.expiresAt === undefined
      ? Number.POSITIVE_INFINITY
      : Math.floor((result.expiresAt - options.now) / 1000);
  const maxAge =
    result.cacheStatus === 'STALE'
      ? 0
      : Math.max(0, Math.min(options.freshSeconds - ageSeconds, urlLeftSeconds));
  const headers = {
    'X-Cache': result.cacheStatus,
    Age: String(ageSeconds),
    ETag: etag,
    'Cache-Control': `private, max-age=${maxAge}`,
  };
  if (matchesIfNoneMatch(options.ifNoneMatch, etag)) {
    return { statusCode: 304, headers, body: '' };
  }
  return {
    statusCode: 200,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers },
    body: successBodyJson(result.pictureJson),
  };
}
