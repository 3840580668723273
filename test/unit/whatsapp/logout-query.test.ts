import { describe, expect, it } from 'vitest';
import { buildLogoutQuery } from '../../../functions/whatsapp/logout-query.ts';
import { WHATSAPP_SERVER } from '../../../functions/whatsapp/usync-query.ts';

describe('buildLogoutQuery', () => {
  it('asks the server to remove this companion device, as whatsmeow does on logout', () => {
    const query = buildLogoutQuery('5511999990000:7@s.whatsapp.net');

    expect(query).toEqual({
      tag: 'iq',
      attrs: { to: WHATSAPP_SERVER, type: 'set', xmlns: 'md' },
      content: [
        {
          tag: 'remove-companion-device',
          attrs: { jid: '5511999990000:7@s.whatsapp.net', reason: 'user_initiated' },
        },
      ],
    });
  });
});
