import { describe, expect, it } from 'vitest';
import {
  hashApiToken,
  isUuidV4,
  newApiToken,
} from '../../../../functions/domain/token/api-token.ts';

const TOKEN = '3f2c1a7e-9b4d-4c8a-a1e2-5d6f7a8b9c0d';

describe('hashApiToken', () => {
  it('hashes a token to 64 hex characters that do not contain it', () => {
    // act
    const hash = hashApiToken(TOKEN);

    // assert
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(TOKEN.replaceAll('-', ''));
  });

  it('gives the same hash whatever the case of the token', () => {
    expect(hashApiToken(TOKEN.toUpperCase())).toBe(hashApiToken(TOKEN));
  });

  it('gives different tokens different hashes', () => {
    expect(hashApiToken(TOKEN)).not.toBe(hashApiToken('3f2c1a7e-9b4d-4c8a-a1e2-5d6f7a8b9c0e'));
  });
});

describe('isUuidV4', () => {
  it.each([TOKEN, TOKEN.toUpperCase(), '00000000-0000-4000-8000-000000000000'])(
    'accepts the UUID v4 %s',
    (value) => {
      expect(isUuidV4(value)).toBe(true);
    },
  );

  it.each([
    ['a version 1 UUID', '3f2c1a7e-9b4d-1c8a-a1e2-5d6f7a8b9c0d'],
    ['a wrong variant', '3f2c1a7e-9b4d-4c8a-c1e2-5d6f7a8b9c0d'],
    ['no dashes', '3f2c1a7e9b4d4c8aa1e25d6f7a8b9c0d'],
    ['braces', `{${TOKEN}}`],
    ['a trailing newline', `${TOKEN}\n`],
    ['a non-hex character', '3f2c1a7e-9b4d-4c8a-a1e2-5d6f7a8b9c0g'],
    ['an empty string', ''],
  ])('rejects %s', (_name, value) => {
    expect(isUuidV4(value)).toBe(false);
  });
});

describe('newApiToken', () => {
  it('issues distinct UUID v4 tokens', () => {
    // act
    const first = newApiToken();
    const second = newApiToken();

    // assert
    expect(isUuidV4(first)).toBe(true);
    expect(isUuidV4(second)).toBe(true);
    expect(first).not.toBe(second);
  });
});
