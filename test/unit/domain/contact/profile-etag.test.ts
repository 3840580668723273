import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { profileEtag } from '../../../../functions/domain/contact/profile-etag.ts';

describe('profileEtag', () => {
  it('quotes the first 27 base64url characters of the body’s SHA-256', () => {
    // prepare
    const json = '{"jid":"5511999999999@s.whatsapp.net"}';
    const digest = createHash('sha256').update(json).digest('base64url');

    // act
    const etag = profileEtag(json);

    // assert
    expect(etag).toBe(`"${digest.slice(0, 27)}"`);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });

  it('gives the same tag for the same body and another for a body differing in one character', () => {
    // act
    const first = profileEtag('{"Status":"hi"}');
    const again = profileEtag('{"Status":"hi"}');
    const other = profileEtag('{"Status":"ho"}');

    // assert
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });
});
