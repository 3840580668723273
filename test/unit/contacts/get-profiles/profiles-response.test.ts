import { describe, expect, it } from 'vitest';
import {
  batchBodyJson,
  unexpectedItemErrors,
} from '../../../../functions/contacts/get-profiles/profiles-response.ts';
import { NotFoundError } from '../../../../functions/domain/errors/app-errors.ts';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const PROFILE_JSON = '{"jid":"5511999999999@s.whatsapp.net","status":"hi"}';

describe('batchBodyJson', () => {
  it('gives each item the body GET /contacts/profile gives, in request order', () => {
    // act
    const body = JSON.parse(
      batchBodyJson(
        [
          { ok: true, profileJson: PROFILE_JSON, cacheStatus: 'HIT' },
          { ok: false, error: new NotFoundError('not on WhatsApp') },
        ],
        NOW,
      ),
    );

    // assert
    expect(body).toEqual({
      success: true,
      data: [
        { success: true, data: JSON.parse(PROFILE_JSON) },
        {
          success: false,
          error: 'not on WhatsApp',
          error_code: 'NOT_FOUND',
          timestamp: '2026-06-01T12:00:00Z',
        },
      ],
    });
  });

  it('writes the stored profile JSON as it is, without parsing it again', () => {
    const body = batchBodyJson([{ ok: true, profileJson: PROFILE_JSON, cacheStatus: 'MISS' }], NOW);

    expect(body).toBe(`{"success":true,"data":[{"success":true,"data":${PROFILE_JSON}}]}`);
  });
});

describe('unexpectedItemErrors', () => {
  it('lists only the item errors that are our own bugs', () => {
    const bug = new Error('boom');

    const errors = unexpectedItemErrors([
      { ok: true, profileJson: PROFILE_JSON, cacheStatus: 'HIT' },
      { ok: false, error: new NotFoundError('not on WhatsApp') },
      { ok: false, error: bug },
    ]);

    expect(errors).toEqual([bug]);
  });
});
