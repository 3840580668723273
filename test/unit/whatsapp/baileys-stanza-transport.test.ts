import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { baileysStanzaTransport } from '../../../functions/whatsapp/baileys-stanza-transport.ts';
import type { BinaryNode } from '../../../functions/whatsapp/binary-node.ts';
import { WhatsAppStanzaError } from '../../../functions/whatsapp/whatsapp-stanza-error.ts';

/**
 * A socket whose query answers as Baileys' does: it emits the reply frame on `TAG:<id>`, then
 * resolves with it, or throws the Boom `assertNodeErrorFree` makes of an `<error>` child.
 */
function socketReplying(reply: BinaryNode, thrown?: unknown) {
  const ws = new EventEmitter();
  const socket = {
    ws,
    generateMessageTag: () => 'tag-1',
    query: async (node: BinaryNode) => {
      ws.emit(`TAG:${node.attrs.id}`, reply);
      if (thrown) throw thrown;
      return reply;
    },
  };
  return socket as unknown as Parameters<typeof baileysStanzaTransport>[0] & { ws: EventEmitter };
}

const query = (): BinaryNode => ({ tag: 'iq', attrs: { type: 'get', xmlns: 'usync' } });

describe('baileysStanzaTransport', () => {
  it("gives a query Baileys' message tag as its id and answers with the reply", async () => {
    const reply: BinaryNode = { tag: 'iq', attrs: { id: 'tag-1', type: 'result' } };
    const socket = socketReplying(reply);
    const node = query();

    const answer = await baileysStanzaTransport(socket).query(node);

    expect(node.attrs.id).toBe('tag-1');
    expect(answer).toBe(reply);
    expect(socket.ws.listenerCount('TAG:tag-1')).toBe(0);
  });

  it("keeps WhatsApp's backoff of a 429 that Baileys throws without it", async () => {
    const reply: BinaryNode = {
      tag: 'iq',
      attrs: { id: 'tag-1', type: 'error' },
      content: [{ tag: 'error', attrs: { code: '429', text: 'rate-overlimit', backoff: '120' } }],
    };
    const boom = Object.assign(new Error('rate-overlimit'), { isBoom: true, data: 429 });

    const failure = baileysStanzaTransport(socketReplying(reply, boom)).query(query());

    await expect(failure).rejects.toBeInstanceOf(WhatsAppStanzaError);
    await expect(failure).rejects.toMatchObject({ code: 429, backoffSeconds: 120 });
  });

  it('passes any other throw through unchanged (a closed connection is no stanza error)', async () => {
    const closed = Object.assign(new Error('Connection Closed'), { isBoom: true, data: undefined });

    const failure = baileysStanzaTransport(socketReplying({ tag: 'iq', attrs: {} }, closed)).query(
      query(),
    );

    await expect(failure).rejects.toBe(closed);
  });
});
