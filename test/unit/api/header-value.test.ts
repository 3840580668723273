import { describe, expect, it } from 'vitest';
import { headerValue } from '../../../functions/api/header-value.ts';

describe('headerValue', () => {
  it('finds a header whatever the case its name was sent in', () => {
    // prepare
    const headers = { 'if-none-match': '"abc"', Authorization: 'Bearer x' };

    // act
    const etag = headerValue(headers, 'If-None-Match');
    const authorization = headerValue(headers, 'authorization');

    // assert
    expect(etag).toBe('"abc"');
    expect(authorization).toBe('Bearer x');
  });

  it('returns undefined when the header is absent or there are no headers at all', () => {
    expect(headerValue({ Accept: '*/*' }, 'If-None-Match')).toBeUndefined();
    expect(headerValue(null, 'If-None-Match')).toBeUndefined();
    expect(headerValue(undefined, 'If-None-Match')).toBeUndefined();
  });
});
