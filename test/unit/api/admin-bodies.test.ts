import { describe, expect, it } from 'vitest';
import {
  createTokenRequestSchema,
  parseJsonBody,
  setWebhookRequestSchema,
} from '../../../functions/api/admin-bodies.ts';
import { ValidationError } from '../../../functions/domain/errors/app-errors.ts';

describe('parseJsonBody', () => {
  it('parses a JSON body by its schema, base64-encoded or not', () => {
    const text = '{"user":"alice","label":"phone"}';

    const parsed = [
      parseJsonBody(createTokenRequestSchema, text),
      parseJsonBody(createTokenRequestSchema, Buffer.from(text).toString('base64'), true),
    ];

    expect(parsed).toEqual([
      { user: 'alice', label: 'phone' },
      { user: 'alice', label: 'phone' },
    ]);
  });

  it('refuses a body that is not JSON, or missing, with a ValidationError', () => {
    const attempts = ['{"user":', null].map(
      (body) => () => parseJsonBody(createTokenRequestSchema, body),
    );

    for (const attempt of attempts) expect(attempt).toThrow(ValidationError);
  });

  it('refuses fields the route does not know (strict bodies)', () => {
    const parse = () => parseJsonBody(createTokenRequestSchema, '{"user":"alice","role":"admin"}');

    expect(parse).toThrow();
  });
});

describe('setWebhookRequestSchema', () => {
  it('takes known event types only, and at least one when events are named', () => {
    const results = [
      { url: 'https://hooks.example/wa', events: ['session.status'] },
      { url: 'https://hooks.example/wa' },
      { url: 'https://hooks.example/wa', events: [] },
      { url: 'https://hooks.example/wa', events: ['message.received'] },
    ].map((body) => setWebhookRequestSchema.safeParse(body).success);

    expect(results).toEqual([true, true, false, false]);
  });
});
