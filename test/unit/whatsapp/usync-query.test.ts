import { describe, expect, it } from 'vitest';
import { childNode } from '../../../functions/whatsapp/binary-node.ts';
import {
  buildUsyncIq,
  readUsyncReply,
  WHATSAPP_SERVER,
} from '../../../functions/whatsapp/usync-query.ts';
import { WhatsAppStanzaError } from '../../../functions/whatsapp/whatsapp-stanza-error.ts';
import { wireFixture } from '../../support/whatsapp/stanza-fixtures.ts';

describe('buildUsyncIq', () => {
  it('asks the server for one sync of the given protocols and users', () => {
    const protocols = [{ tag: 'status', attrs: {} }];
    const users = [{ tag: 'user', attrs: { jid: '5511999990000@s.whatsapp.net' } }];

    const iq = buildUsyncIq({ sid: 's.1', mode: 'full', context: 'interactive', protocols, users });

    expect(iq.attrs).toEqual({ to: WHATSAPP_SERVER, type: 'get', xmlns: 'usync' });
    const usync = childNode(iq, 'usync');
    expect(usync?.attrs).toEqual({
      sid: 's.1',
      mode: 'full',
      last: 'true',
      index: '0',
      context: 'interactive',
    });
    expect(childNode(usync, 'query')?.content).toBe(protocols);
    expect(childNode(usync, 'list')?.content).toBe(users);
  });
});

describe('readUsyncReply', () => {
  it("returns the list's users and the protocols WhatsApp could not answer", async () => {
    const reply = await wireFixture('user-info-reply-partial.json');

    const { users, protocolErrors } = readUsyncReply(reply);

    expect(users.map((user) => user.tag)).toEqual(['user']);
    expect([...protocolErrors.keys()]).toEqual(['devices']);
    expect(protocolErrors.get('devices')?.code).toBe(500);
  });

  it("fails on a protocol's rate-overlimit, keeping WhatsApp's backoff", async () => {
    const reply = await wireFixture('usync-reply-rate-overlimit.json');

    const read = () => readUsyncReply(reply);

    expect(read).toThrow(WhatsAppStanzaError);
    expect(read).toThrow(expect.objectContaining({ code: 429 }));
  });

  it('refuses a reply without <usync> as malformed', () => {
    const read = () => readUsyncReply({ tag: 'iq', attrs: { type: 'result' } });

    expect(read).toThrow('usync reply without <usync>');
  });
});
