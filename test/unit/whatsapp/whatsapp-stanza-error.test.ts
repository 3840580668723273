import { describe, expect, it } from 'vitest';
import {
  malformedReply,
  WhatsAppStanzaError,
} from '../../../functions/whatsapp/whatsapp-stanza-error.ts';

describe('WhatsAppStanzaError', () => {
  it('carries the reply’s code, text and backoff, and says them in its message', () => {
    const error = new WhatsAppStanzaError(429, 'rate-overlimit', 30);

    expect(error).toMatchObject({ code: 429, text: 'rate-overlimit', backoffSeconds: 30 });
    expect(error.message).toBe('WhatsApp replied 429 rate-overlimit');
    expect(error.name).toBe('WhatsAppStanzaError');
  });

  it('reads a reply it does not understand as code 0', () => {
    const error = malformedReply('no <list> in the usync reply');

    expect(error.code).toBe(0);
    expect(error.text).toBe('malformed reply: no <list> in the usync reply');
  });
});
