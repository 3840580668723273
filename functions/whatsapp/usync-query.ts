import {
  type BinaryNode,
  childNode,
  childNodes,
  type StanzaError,
  stanzaError,
} from './binary-node.ts';
import { malformedReply, WhatsAppStanzaError } from './whatsapp-stanza-error.ts';

/** WhatsApp's server address: every IQ of ours goes to it. */
export const WHATSAPP_SERVER = 's.whatsapp.net';

export interface UsyncRequest {
  /** Session-unique id of this sync, as WhatsApp Web sends it. */
  sid: string;
  /** `query` looks users up (contact discovery), `full` fetches their info. */
  mode: 'query' | 'full';
  context: 'interactive' | 'background';
  /** One element per protocol asked for: `<status/>`, `<devices version="2"/>`, ... */
  protocols: BinaryNode[];
  users: BinaryNode[];
}

/**
 * The user-sync IQ (`xmlns="usync"`). Baileys' own executeUSyncQuery has no per-query timeout
 * and no way to send a privacy token; we build the same stanza and send it with the socket's
 * query(node, timeoutMs).
 */
export function buildUsyncIq(request: UsyncRequest): BinaryNode {
  return {
    tag: 'iq',
    attrs: { to: WHATSAPP_SERVER, type: 'get', xmlns: 'usync' },
    content: [
      {
        tag: 'usync',
        attrs: {
          sid: request.sid,
          mode: request.mode,
          last: 'true',
          index: '0',
          context: request.context,
        },
        content: [
          { tag: 'query', attrs: {}, content: request.protocols },
          { tag: 'list', attrs: {}, content: request.users },
        ],
      },
    ],
  };
}

export interface UsyncReply {
  users: BinaryNode[];
  /** Protocols WhatsApp could not answer (`<result><devices><error code="500"/>`), by tag. */
  protocolErrors: Map<string, StanzaError>;
}

/**
 * Reads a usync reply the way whatsmeow does: the `<user>` nodes of its list, whatever else
 * went wrong. A query refused at the IQ level never gets here: Baileys throws it (see
 * baileys-stanza-transport.ts). Only rate-overlimit (429) reported per protocol fails it, as its
 * backoff must be honoured. Any other protocol error is returned for the
 * caller to degrade the fields that protocol feeds; 404 there means "nothing", not an error.
 */
export function readUsyncReply(reply: BinaryNode): UsyncReply {
  const usync = childNode(reply, 'usync');
  if (!usync) throw malformedReply('usync reply without <usync>');
  const protocolErrors = new Map<string, StanzaError>();
  for (const protocolResult of childNodes(childNode(usync, 'result'))) {
    const error = stanzaError(protocolResult);
    if (!error || error.code === 404) continue;
    if (error.code === 429) {
      const backoff = Number(
        protocolResult.attrs.backoff ?? childNode(protocolResult, 'error')?.attrs.backoff,
      );
      throw new WhatsAppStanzaError(
        error.code,
        error.text,
        Number.isFinite(backoff) && backoff > 0 ? backoff : undefined,
      );
    }
    protocolErrors.set(protocolResult.tag, error);
  }
  const list = childNode(usync, 'list');
  if (!list) throw malformedReply('usync reply without <list>');
  return { users: childNodes(list).filter((node) => node.tag === 'user'), protocolErrors };
}
