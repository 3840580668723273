import type { WASocket } from 'baileys';
import { type BinaryNode, childNode } from './binary-node.ts';
import type { StanzaTransport } from './fetch-contact-profile.ts';
import { WhatsAppStanzaError } from './whatsapp-stanza-error.ts';

type QuerySocket = Pick<WASocket, 'query' | 'ws' | 'generateMessageTag'>;

interface ThrownReplyError {
  isBoom: true;
  message: string;
  data?: unknown;
}

/**
 * Baileys' `socket.query` as the lookups use it. Baileys throws a Boom error (its
 * `assertNodeErrorFree`) for every reply that carries an `<error>` child, with only the code and
 * text: WhatsApp's `backoff` (seconds to wait after a 429) is dropped. This keeps the raw reply
 * of each query in view (the frame Baileys itself waits for, `TAG:<id>`) and turns such a throw
 * into a WhatsAppStanzaError with the backoff, so an IQ-level 429 keeps it as a per-protocol one
 * does. Anything else Baileys throws (connection closed, timed out) passes through unchanged.
 */
export function baileysStanzaTransport(socket: QuerySocket): StanzaTransport {
  return {
    async query(node, timeoutMs) {
      node.attrs.id ??= socket.generateMessageTag();
      const event = `TAG:${node.attrs.id}`;
      let raw: BinaryNode | undefined;
      const capture = (frame: BinaryNode) => {
        raw = frame;
      };
      socket.ws.on(event, capture);
      try {
        return await socket.query(node, timeoutMs);
      } catch (error) {
        throw refusal(error, raw) ?? error;
      } finally {
        socket.ws.off(event, capture);
      }
    },
  };
}

/** The WhatsAppStanzaError of a reply Baileys refused, or undefined for any other throw. */
function refusal(error: unknown, raw: BinaryNode | undefined): WhatsAppStanzaError | undefined {
  const boom = error as ThrownReplyError | undefined;
  if (boom?.isBoom !== true || typeof boom.data !== 'number' || !(boom.data > 0)) return undefined;
  const backoff = Number(childNode(raw, 'error')?.attrs.backoff ?? raw?.attrs.backoff);
  return new WhatsAppStanzaError(
    boom.data,
    boom.message,
    Number.isFinite(backoff) && backoff > 0 ? backoff : undefined,
  );
}
