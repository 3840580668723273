import {
  type BinaryNode,
  childNode,
  childNodes,
  nodeText,
} from '../../../functions/whatsapp/binary-node.ts';
import type { StanzaTransport } from '../../../functions/whatsapp/fetch-contact-profile.ts';
import { handedOverByBaileys } from '../../support/whatsapp/handed-over-by-baileys.ts';
import { fixtureNode } from './stanza-fixtures.ts';

export interface FakeWhatsAppOptions {
  /** Phone-number users on WhatsApp, by digits. */
  users: Set<string>;
  /** Users whose device list WhatsApp fails to answer (a partial answer). */
  devicesFailFor?: Set<string>;
  /** Users that are businesses (their business-profile IQ answers a profile). */
  businesses?: Set<string>;
  /** Answer every user-info usync with rate-overlimit. */
  userInfoRateLimited?: boolean;
}

const result = (children: BinaryNode[]): BinaryNode => ({
  tag: 'iq',
  attrs: { from: 's.whatsapp.net', type: 'result', id: 'fake' },
  content: children,
});

/** As Baileys' socket.query hands a reply over (a refused one is thrown). */
const wire = handedOverByBaileys;

/**
 * A WhatsApp that answers contact lookups, user-info usyncs (any number of `<user>` items),
 * business-profile IQs and picture IQs the way the fixtures show, for the users it knows.
 * Records every stanza it was sent.
 */
export function fakeWhatsApp(options: FakeWhatsAppOptions) {
  const sent: BinaryNode[] = [];
  const transport: StanzaTransport = {
    async query(node) {
      sent.push(node);
      await new Promise((resolve) => setTimeout(resolve, 1));
      const xmlns = node.attrs.xmlns;
      if (xmlns === 'w:biz') {
        const jid = childNode(childNode(node, 'business_profile'), 'profile')?.attrs.jid ?? '';
        if (options.businesses?.has(jid.split('@')[0] ?? '')) {
          return wire(fixtureNode('business-profile-reply.json'));
        }
        return wire(fixtureNode('business-profile-reply-not-found.json'));
      }
      if (xmlns === 'w:profile:picture') return wire(fixtureNode('profile-picture-reply.json'));
      const usync = childNode(node, 'usync');
      const users = childNodes(childNode(usync, 'list'));
      if (usync?.attrs.mode === 'query') {
        return wire(
          result([
            {
              tag: 'usync',
              attrs: { sid: usync.attrs.sid ?? '', index: '0', last: 'true' },
              content: [
                { tag: 'result', attrs: {}, content: [{ tag: 'contact', attrs: {} }] },
                {
                  tag: 'list',
                  attrs: {},
                  content: users.map((user): BinaryNode => {
                    const asked = nodeText(childNode(user, 'contact'));
                    const digits = asked.replace(/^\+/, '').replace(/@c\.us$/, '');
                    const known = options.users.has(digits);
                    return {
                      tag: 'user',
                      attrs: known ? { jid: `${digits}@s.whatsapp.net` } : {},
                      content: [
                        {
                          tag: 'contact',
                          attrs: { type: known ? 'in' : 'out' },
                          content: `+${digits}`,
                        },
                      ],
                    };
                  }),
                },
              ],
            },
          ]),
        );
      }
      if (options.userInfoRateLimited) return wire(fixtureNode('usync-reply-rate-overlimit.json'));
      const listed = users
        .map((user) => user.attrs.jid ?? '')
        .filter((jid) => options.users.has(jid.split('@')[0] ?? ''));
      return wire(
        result([
          {
            tag: 'usync',
            attrs: { sid: usync?.attrs.sid ?? '', index: '0', last: 'true' },
            content: [
              { tag: 'result', attrs: {}, content: [{ tag: 'status', attrs: {} }] },
              {
                tag: 'list',
                attrs: {},
                content: listed.map(
                  (jid): BinaryNode => ({
                    tag: 'user',
                    attrs: { jid },
                    content: [
                      { tag: 'business', attrs: {} },
                      { tag: 'status', attrs: { t: '1718000000' }, content: `status of ${jid}` },
                      { tag: 'picture', attrs: { id: '1718000000', type: 'image' } },
                      options.devicesFailFor?.has(jid.split('@')[0] ?? '')
                        ? {
                            tag: 'devices',
                            attrs: {},
                            content: [
                              {
                                tag: 'error',
                                attrs: { code: '500', text: 'internal-server-error' },
                              },
                            ],
                          }
                        : {
                            tag: 'devices',
                            attrs: {},
                            content: [
                              {
                                tag: 'device-list',
                                attrs: {},
                                content: [{ tag: 'device', attrs: { id: '0' } }],
                              },
                            ],
                          },
                    ],
                  }),
                ),
              },
            ],
          },
        ]),
      );
    },
  };
  const usyncs = () => sent.filter((node) => node.attrs.xmlns === 'usync');
  return { transport, sent, usyncs };
}

/** The `<user>` items of a sent usync. */
export function usyncUsers(node: BinaryNode | undefined): BinaryNode[] {
  return childNodes(childNode(childNode(node, 'usync'), 'list'));
}
