import { describe, expect, it } from 'vitest';
import { HIDDEN, NOT_SET, readingForErrorCode } from '../../../functions/whatsapp/profile-field.ts';

describe('readingForErrorCode', () => {
  it('reads 401 and 403 as hidden by privacy, 404 and 204 as nothing set', () => {
    expect(readingForErrorCode(401)).toBe(HIDDEN);
    expect(readingForErrorCode(403)).toBe(HIDDEN);
    expect(readingForErrorCode(404)).toBe(NOT_SET);
    expect(readingForErrorCode(204)).toBe(NOT_SET);
  });

  it('has no reading for other codes (the caller marks the field unavailable)', () => {
    expect(readingForErrorCode(500)).toBeUndefined();
    expect(readingForErrorCode(429)).toBeUndefined();
  });
});
