import type { APIGatewayProxyResult } from 'aws-lambda';
import { JSON_CONTENT_TYPE } from '../../api/error-envelope.ts';
import type { ContactProfileResult } from './get-contact-profile.ts';

/** The success body, built from the stored JSON without parsing it again. */
export function successBodyJson(profileJson: string): string {
  return `{"success":true,"data":${profileJson}}`;
}

/** Whether an If-None-Match header matches the ETag (a list, weak forms, or `*`). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((candidate) => candidate.trim().replace(/^W\//, ''))
    .some((candidate) => candidate === '*' || candidate === etag);
}

/**
 * 200 with the cache headers the contract asks for, or 304 with none of the body when the
 * caller already holds this exact profile.
 */
export function profileResponse(
  result: ContactProfileResult,
  options: { ifNoneMatch: string | undefined; freshSeconds: number; now: number },
): APIGatewayProxyResult {
  const ageSeconds = Math.max(0, Math.floor((options.now - result.fetchedAt) / 1000));
  const maxAge =
    result.cacheStatus === 'STALE' ? 0 : Math.max(0, options.freshSeconds - ageSeconds);
  const headers = {
    'X-Cache': result.cacheStatus,
    Age: String(ageSeconds),
    ETag: result.etag,
    'Cache-Control': `private, max-age=${maxAge}`,
  };
  if (matchesIfNoneMatch(options.ifNoneMatch, result.etag)) {
    return { statusCode: 304, headers, body: '' };
  }
  return {
    statusCode: 200,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers },
    body: successBodyJson(result.profileJson),
  };
}
