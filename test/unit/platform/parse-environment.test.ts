import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  environmentValues,
  parseEnvironment,
} from '../../../functions/platform/parse-environment.ts';
import { REPLY_QUEUE_NAME_PREFIX_PATTERN } from '../../../functions/resources/runtime-limits.ts';

// Only zod/mini is loaded here, as in the Lambda bundles: the messages must still be English.
const shape = {
  TABLE_NAME: environmentValues.name,
  QUEUE_URLS: environmentValues.urlList,
  PREFIX: z.string().check(z.regex(REPLY_QUEUE_NAME_PREFIX_PATTERN)),
  TTL_SECONDS: z._default(environmentValues.nonNegativeInt.check(z.maximum(60)), 60),
};

describe('parseEnvironment', () => {
  it('returns typed values, coerced, split and defaulted', () => {
    const config = parseEnvironment(shape, {
      TABLE_NAME: 'tokens',
      QUEUE_URLS: 'http://localhost/q0, http://localhost/q1',
      PREFIX: 'reply-',
    });

    expect(config).toEqual({
      TABLE_NAME: 'tokens',
      QUEUE_URLS: ['http://localhost/q0', 'http://localhost/q1'],
      PREFIX: 'reply-',
      TTL_SECONDS: 60,
    });
  });

  it('names a missing variable', () => {
    const parse = () => parseEnvironment(shape, { QUEUE_URLS: 'http://localhost/q', PREFIX: 'p' });

    expect(parse).toThrow('Configuration error: TABLE_NAME is not set');
  });

  it.each([
    [
      'names each invalid variable with an English reason',
      { QUEUE_URLS: '', PREFIX: 'bad prefix!', TTL_SECONDS: '61' },
      'Configuration error: QUEUE_URLS is invalid: Too small: expected string to have >=1 characters; PREFIX is invalid: Invalid string: must match pattern /^[A-Za-z0-9_-]{1,40}$/; TTL_SECONDS is invalid: Too big: expected number to be <=60',
    ],
    [
      'rejects a number that is not a whole number',
      { TTL_SECONDS: '1.5' },
      'TTL_SECONDS is invalid: Invalid input: expected int, received number',
    ],
    [
      'names the list variable, not an index, when one URL of a list is malformed',
      { QUEUE_URLS: 'http://localhost/q0, not a url' },
      /^Configuration error: QUEUE_URLS is invalid: /,
    ],
  ])('%s', (_, invalid, message) => {
    const parse = () =>
      parseEnvironment(shape, {
        TABLE_NAME: 'tokens',
        QUEUE_URLS: 'http://localhost/q',
        PREFIX: 'p',
        ...invalid,
      });

    expect(parse).toThrow(message);
  });
});
