import { type BinaryNode, childNode } from './binary-node.ts';
import { buildUsyncIq, usyncUsers } from './usync-query.ts';

/**
 * WhatsApp's contact lookup: a usync `query` in the `interactive` context with the number as
 * `+<digits>`. WhatsApp answers with the JID it really uses (Brazil's ninth digit, Mexico's
 * extra 1, ... resolved its way) and `type="in"` when the number is on WhatsApp.
 */
export function buildContactLookupQuery(digits: string, sid: string): BinaryNode {
  return buildUsyncIq({
    sid,
    mode: 'query',
    context: 'interactive',
    protocols: [{ tag: 'contact', attrs: {} }],
    users: [
      { tag: 'user', attrs: {}, content: [{ tag: 'contact', attrs: {}, content: `+${digits}` }] },
    ],
  });
}

/** The canonical JID of the number, or null when it is not on WhatsApp. */
export function parseContactLookupReply(reply: BinaryNode): string | null {
  for (const user of usyncUsers(reply)) {
    const contact = childNode(user, 'contact');
    if (contact?.attrs.type === 'in' && user.attrs.jid) return user.attrs.jid;
  }
  return null;
}
