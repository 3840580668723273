import { describe, expect, it } from 'vitest';
import { $ZodError } from 'zod/v4/core';
import {
  displayPairingCode,
  pairSessionResultBody,
  pairSessionResultSchema,
  parsePairSessionBody,
  sessionStatusBody,
  sessionStatusSchema,
  sessionSuccessResponse,
} from '../../../functions/api/session-bodies.ts';
import { ValidationError } from '../../../functions/domain/errors/app-errors.ts';

const EXPIRES_AT = Date.parse('2026-06-15T12:01:00.750Z');

describe('parsePairSessionBody', () => {
  it('reads the phone of a base64-encoded body as digits', () => {
    // prepare
    const body = Buffer.from('{"phone":"+55 11 99999-9999"}').toString('base64');

    // act
    const parsed = parsePairSessionBody(body, true);

    // assert
    expect(parsed).toEqual({ phoneDigits: '5511999999999' });
  });

  it('names the field "phone" when the number is refused', () => {
    // act
    const act = () => parsePairSessionBody('{"phone":"12"}');

    // assert
    expect(act).toThrow(ValidationError);
    expect(act).toThrow(/^phone /);
  });

  it('refuses an unknown field through the schema', () => {
    expect(() => parsePairSessionBody('{"qr":true}')).toThrow($ZodError);
  });

  it('asks for QR codes when the body has no phone', () => {
    expect(parsePairSessionBody('   ')).toEqual({});
    expect(parsePairSessionBody('{}')).toEqual({});
  });
});

describe('displayPairingCode', () => {
  it('writes an eight-character code as the phone shows it', () => {
    expect(displayPairingCode('ABCDEFGH')).toBe('ABCD-EFGH');
  });

  it('leaves a code that is already split, or of another length, as it is', () => {
    expect(displayPairingCode('ABCD-EFGH')).toBe('ABCD-EFGH');
    expect(displayPairingCode('ABC')).toBe('ABC');
  });
});

describe('sessionStatusBody', () => {
  it('gives a paired session its JID and since', () => {
    // act
    const body = sessionStatusBody({ status: 'paired', jid: '1@s.whatsapp.net', since: 'x' });

    // assert
    expect(body).toEqual({ status: 'paired', jid: '1@s.whatsapp.net', since: 'x' });
  });

  it('answers a banned account as connecting with the reason, its end and its code', () => {
    // prepare
    const restriction = {
      reason: 'temporary_ban' as const,
      since: '2026-12-08T03:00:00Z',
      endsAt: '2026-12-09T03:00:00Z',
      banCode: 101,
    };

    // act
    const body = sessionStatusBody({ status: 'restricted', jid: 'j', since: 's', restriction });

    // assert
    expect(body).toEqual({
      status: 'connecting',
      jid: 'j',
      since: 's',
      reason: 'temporary_ban',
      restricted_until: '2026-12-09T03:00:00Z',
      ban_code: 101,
    });
    expect(sessionStatusSchema.parse(body)).toEqual(body);
  });

  it('answers a time-locked account as paired with the reason and a null end when none is known', () => {
    // act
    const body = sessionStatusBody({
      status: 'paired',
      jid: 'j',
      since: 's',
      restriction: { reason: 'reachout_timelock', since: '2026-12-08T03:00:00Z' },
    });

    // assert
    expect(body).toEqual({
      status: 'paired',
      jid: 'j',
      since: 's',
      reason: 'reachout_timelock',
      restricted_until: null,
    });
  });

  it('gives a pairing session its code, displayed, and the expiry in whole seconds UTC', () => {
    // act
    const body = sessionStatusBody({
      status: 'pairing',
      pairingCode: 'ABCDEFGH',
      expiresAt: EXPIRES_AT,
    });

    // assert
    expect(body).toEqual({
      status: 'pairing',
      jid: null,
      since: null,
      pairing_code: 'ABCD-EFGH',
      expires_at: '2026-06-15T12:01:00Z',
    });
    expect(sessionStatusSchema.parse(body)).toEqual(body);
  });

  it.each(['unpaired', 'logged_out', 'connecting'] as const)(
    'gives a %s session null JID and since',
    (status) => {
      expect(sessionStatusBody({ status })).toEqual({ status, jid: null, since: null });
    },
  );
});

describe('pairSessionResultBody', () => {
  it('answers a pairing without jid or since, in the schema the OpenAPI document publishes', () => {
    // act
    const body = pairSessionResultBody({ status: 'pairing', qr: 'QR', expiresAt: EXPIRES_AT });

    // assert
    expect(body).toEqual({ status: 'pairing', qr: 'QR', expires_at: '2026-06-15T12:01:00Z' });
    expect(pairSessionResultSchema.parse(body)).toEqual(body);
  });

  it('answers a session already paired as its status', () => {
    // act
    const body = pairSessionResultBody({ status: 'paired', jid: null, since: null });

    // assert
    expect(body).toEqual({ status: 'paired', jid: null, since: null });
  });
});

describe('sessionSuccessResponse', () => {
  it('answers 200 with the success envelope, never cached', () => {
    // act
    const response = sessionSuccessResponse({ status: 'unpaired' });

    // assert
    expect(response.statusCode).toBe(200);
    expect(response.headers).toEqual({
      'Content-Type': expect.stringContaining('application/json'),
      'Cache-Control': 'no-store',
    });
    expect(JSON.parse(response.body)).toEqual({ success: true, data: { status: 'unpaired' } });
  });
});
