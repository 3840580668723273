import { describe, expect, it } from 'vitest';
import { singleAndMultiValued } from '../../../functions/local/single-and-multi-valued.ts';

describe('singleAndMultiValued', () => {
  it('keeps the last value as the single one and every value in the multi-value map, as API Gateway does', () => {
    // prepare
    const pairs: Array<[string, string]> = [
      ['jid', '1@s.whatsapp.net'],
      ['refresh', 'true'],
      ['jid', '2@s.whatsapp.net'],
    ];

    // act
    const { single, multi } = singleAndMultiValued(pairs);

    // assert
    expect(single).toEqual({ jid: '2@s.whatsapp.net', refresh: 'true' });
    expect(multi).toEqual({ jid: ['1@s.whatsapp.net', '2@s.whatsapp.net'], refresh: ['true'] });
  });

  it('gives null for both when there is nothing, as API Gateway does for no query string', () => {
    expect(singleAndMultiValued([])).toEqual({ single: null, multi: null });
  });
});
