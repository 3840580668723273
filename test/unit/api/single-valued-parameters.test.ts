import { describe, expect, it } from 'vitest';
import { singleValuedParameters } from '../../../functions/api/single-valued-parameters.ts';
import { ValidationError } from '../../../functions/domain/errors/app-errors.ts';

describe('singleValuedParameters', () => {
  it('returns the single-value parameters when there are no multi-value ones', () => {
    // prepare
    const single = { jid: '5511999999999@s.whatsapp.net', refresh: 'true' };

    // act
    const parameters = singleValuedParameters(single, null);

    // assert
    expect(parameters).toEqual({ jid: '5511999999999@s.whatsapp.net', refresh: 'true' });
  });

  it('returns an empty object when API Gateway passes no parameters at all', () => {
    expect(singleValuedParameters(null, null)).toEqual({});
    expect(singleValuedParameters(undefined, undefined)).toEqual({});
  });

  it('drops parameters whose value is undefined', () => {
    expect(singleValuedParameters({ jid: undefined, number: '1' }, {})).toEqual({ number: '1' });
  });

  it('accepts a parameter repeated with the same value', () => {
    // prepare
    const single = { number: '5511999999999' };
    const multi = { number: ['5511999999999', '5511999999999'] };

    // act
    const parameters = singleValuedParameters(single, multi);

    // assert
    expect(parameters).toEqual({ number: '5511999999999' });
  });

  it('rejects a parameter repeated with different values', () => {
    // prepare
    const single = { jid: '2@s.whatsapp.net' };
    const multi = { jid: ['1@s.whatsapp.net', '2@s.whatsapp.net'] };

    // act
    const act = () => singleValuedParameters(single, multi);

    // assert
    expect(act).toThrow(ValidationError);
    expect(act).toThrow('jid was given more than once with different values');
  });

  it('skips an empty multi-value list and keeps the single value', () => {
    expect(singleValuedParameters({ jid: '1@lid' }, { jid: [] })).toEqual({ jid: '1@lid' });
  });
});
