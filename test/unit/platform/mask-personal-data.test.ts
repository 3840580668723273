import { describe, expect, it } from 'vitest';
import {
  maskDigits,
  maskJid,
  tokenFingerprint,
} from '../../../functions/platform/mask-personal-data.ts';

describe('maskDigits', () => {
  it('keeps the first and last two digits of a phone number', () => {
    // act
    const masked = maskDigits('5511999999999');

    // assert
    expect(masked).toBe('55*********99');
    expect(masked).toHaveLength('5511999999999'.length);
  });

  it.each(['', '1', '1234'])('masks the short value %j entirely', (digits) => {
    expect(maskDigits(digits)).toBe('*'.repeat(digits.length));
  });

  it('masks a five-digit value but its ends', () => {
    expect(maskDigits('12345')).toBe('12*45');
  });
});

describe('maskJid', () => {
  it('masks the user part and keeps the server', () => {
    expect(maskJid('5511999999999@s.whatsapp.net')).toBe('55*********99@s.whatsapp.net');
  });

  it('masks a linked-identity JID', () => {
    expect(maskJid('123456789012345@lid')).toBe('12***********45@lid');
  });

  it('masks a value without a server as digits', () => {
    expect(maskJid('5511999999999')).toBe('55*********99');
  });
});

describe('tokenFingerprint', () => {
  it('shows only the first eight characters of the hash', () => {
    // prepare
    const hash = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

    // act
    const fingerprint = tokenFingerprint(hash);

    // assert
    expect(fingerprint).toBe('sha256:a1b2c3d4');
    expect(fingerprint).not.toContain(hash.slice(8));
  });
});
