import type { BinaryNode } from 'baileys';
import { SERVER } from './stand-in-state.ts';

/**
 * What the WhatsApp server stand-in answers to the profile queries: the contact lookup and
 * user info (usync), the profile picture and the business profile, for any number asked.
 */

/** A usync answer: a contact lookup (`query` mode, interactive) or a user-info query. */
export function usyncAnswer(
  id: string,
  usync: BinaryNode | undefined,
  lidOnly?: ReadonlyMap<string, string>,
): BinaryNode {
  return usync?.attrs.mode === 'query' && usync.attrs.context === 'interactive'
    ? contactLookupAnswer(id, usync, lidOnly)
    : userInfoAnswer(id, usync);
}

/**
 * WhatsApp's answer to a contact lookup (usync `query`, `<contact>` protocol): every number is
 * on WhatsApp under its own digits, in phone-number addressing, except those `lidOnly` lists,
 * answered in LID addressing with the LID alone (`<user jid="…@lid">`, no `pn_jid`).
 */
export function contactLookupAnswer(
  id: string,
  usync: BinaryNode | undefined,
  lidOnly: ReadonlyMap<string, string> = new Map(),
): BinaryNode {
  return usyncResult(id, usync, {
    protocols: [{ tag: 'contact', attrs: { version: '1' } }],
    user: (user) => {
      const contact = Array.isArray(user.content) ? user.content[0] : undefined;
      const asked =
        contact?.content instanceof Uint8Array
          ? Buffer.from(contact.content).toString()
          : String(contact?.content ?? '');
      const digits = asked.replace(/^\+/, '').replace(/@c\.us$/, '');
      const lid = lidOnly.get(digits);
      return {
        tag: 'user',
        attrs: { jid: lid ?? `${digits}@s.whatsapp.net` },
        content: [{ tag: 'contact', attrs: { type: 'in' }, content: asked }],
      };
    },
  });
}

/** A user-info answer for a personal account: status, picture and one device. */
export function userInfoAnswer(id: string, usync: BinaryNode | undefined): BinaryNode {
  const fields: BinaryNode[] = [
    { tag: 'status', attrs: { t: '1700000000' }, content: Buffer.from('Loopback status') },
    { tag: 'picture', attrs: { id: '1700000001', type: 'image' } },
    {
      tag: 'devices',
      attrs: {},
      content: [
        { tag: 'device-list', attrs: {}, content: [{ tag: 'device', attrs: { id: '0' } }] },
      ],
    },
  ];
  return usyncResult(id, usync, {
    user: (user) => ({ tag: 'user', attrs: { jid: user.attrs.jid ?? '' }, content: fields }),
  });
}

/** A picture answer as WhatsApp gives it: the URL expires (`oe`, hex seconds) in a day. */
export function pictureAnswer(iq: BinaryNode, picture: BinaryNode | undefined): BinaryNode {
  const type = picture?.attrs.type ?? 'image';
  const id = '1700000001';
  if (picture?.attrs.id === id) return { tag: 'picture', attrs: { status: '304' } };
  const expires = Math.floor(Date.now() / 1000 + 86_400)
    .toString(16)
    .toUpperCase();
  const path = `/v/t61.24694-24/${iq.attrs.target?.split('@')[0] ?? ''}_${id}_n.jpg?oe=${expires}`;
  return {
    tag: 'picture',
    attrs: { id, type, url: `https://pps.whatsapp.net${path}`, direct_path: path },
  };
}

/** A business profile with nothing set but the JID asked for. */
export function businessProfileAnswer(query: BinaryNode | undefined): BinaryNode {
  const profile = Array.isArray(query?.content) ? query.content[0] : undefined;
  return {
    tag: 'business_profile',
    attrs: { v: '244' },
    content: [{ tag: 'profile', attrs: { jid: profile?.attrs.jid ?? '' } }],
  };
}

/** `<iq result><usync><result>protocols</result><list>one user per user asked</list>`. */
function usyncResult(
  id: string,
  usync: BinaryNode | undefined,
  answer: { protocols?: BinaryNode[]; user: (asked: BinaryNode) => BinaryNode },
): BinaryNode {
  const children = Array.isArray(usync?.content) ? usync.content : [];
  const list = children.find((child) => child.tag === 'list');
  const users = Array.isArray(list?.content) ? list.content : [];
  return {
    tag: 'iq',
    attrs: { from: SERVER, type: 'result', id },
    content: [
      {
        tag: 'usync',
        attrs: { sid: usync?.attrs.sid ?? '', index: '0', last: 'true' },
        content: [
          { tag: 'result', attrs: {}, ...(answer.protocols && { content: answer.protocols }) },
          { tag: 'list', attrs: {}, content: users.map(answer.user) },
        ],
      },
    ],
  };
}
