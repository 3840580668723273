import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiOnlyJson, sqsMessageBody } from '../../../functions/platform/sqs-message-body.ts';

describe('sqsMessageBody', () => {
  it('escapes astral-plane characters as their surrogate pair', () => {
    expect(sqsMessageBody({ status: 'Fresh 🍞🌮🎉' })).toBe(
      '{"status":"Fresh \\ud83c\\udf5e\\ud83c\\udf2e\\ud83c\\udf89"}',
    );
  });

  it('escapes every character outside printable ASCII, also accents and DEL', () => {
    expect(sqsMessageBody(['café', '\u007f', '日本'])).toBe(
      '["caf\\u00e9","\\u007f","\\u65e5\\u672c"]',
    );
  });

  it('writes only printable ASCII and reads back exactly what went in', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const body = sqsMessageBody(value);
        expect(body).toMatch(/^[\x20-\x7e]*$/);
        expect(JSON.parse(body)).toStrictEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('keeps escapes already in JSON text intact', () => {
    expect(asciiOnlyJson('{"a":"\\"🎉\\\\"}')).toBe('{"a":"\\"\\ud83c\\udf89\\\\"}');
  });
});
