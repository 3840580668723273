import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../functions/domain/errors/app-errors.ts';
import { type BinaryNode, childNode } from '../../../functions/whatsapp/binary-node.ts';
import type { StanzaTransport } from '../../../functions/whatsapp/fetch-contact-profile.ts';
import { fetchProfilePicture } from '../../../functions/whatsapp/fetch-profile-picture.ts';
import { fakeWhatsApp } from '../../support/whatsapp/fake-whatsapp.ts';
import { handedOverByBaileys } from '../../support/whatsapp/handed-over-by-baileys.ts';
import { fixtureNode } from '../../support/whatsapp/stanza-fixtures.ts';

const JID = '5511933334444@s.whatsapp.net';
let sid = 0;
const options = (extra: Partial<Parameters<typeof fetchProfilePicture>[2]> = {}) => ({
  queryTimeoutMs: 5_000,
  signal: new AbortController().signal,
  nextSid: () => `sid.${++sid}`,
  type: 'image' as const,
  ...extra,
});

describe('fetchProfilePicture', () => {
  it('resolves a number with the contact lookup first, then asks for the picture of its JID', async () => {
    const whatsApp = fakeWhatsApp({ users: new Set(['5511933334444']) });

    const { jid, answer } = await fetchProfilePicture(
      whatsApp.transport,
      { kind: 'number', digits: '5511933334444' },
      options(),
    );

    expect(jid).toBe(JID);
    expect(answer.kind).toBe('picture');
    expect(whatsApp.sent.map((node) => node.attrs.xmlns)).toEqual(['usync', 'w:profile:picture']);
    expect(whatsApp.sent[1]?.attrs.target).toBe(JID);
  });

  it('answers NotFoundError for a number not on WhatsApp, and asks for no picture', async () => {
    const whatsApp = fakeWhatsApp({ users: new Set() });

    const fetching = fetchProfilePicture(
      whatsApp.transport,
      { kind: 'number', digits: '5511900000000' },
      options(),
    );

    await expect(fetching).rejects.toBeInstanceOf(NotFoundError);
    expect(whatsApp.sent.map((node) => node.attrs.xmlns)).toEqual(['usync']);
  });

  it("sends the contact's privacy token, but none for the session's own JID", async () => {
    const asked: string[] = [];
    const privacyToken = async (jid: string) => {
      asked.push(jid);
      return new Uint8Array([7, 7]);
    };
    const whatsApp = fakeWhatsApp({ users: new Set() });
    const own = '5511900001111@s.whatsapp.net';

    await fetchProfilePicture(
      whatsApp.transport,
      { kind: 'jid', jid: JID },
      options({ privacyToken }),
    );
    await fetchProfilePicture(
      whatsApp.transport,
      { kind: 'jid', jid: own },
      options({ privacyToken, ownJids: [own] }),
    );

    expect(asked).toEqual([JID]);
    const [toContact, toSelf] = whatsApp.sent.map((node) => childNode(node, 'picture'));
    expect(childNode(toContact, 'tctoken')).toBeDefined();
    expect(childNode(toSelf, 'tctoken')).toBeUndefined();
  });

  it('answers hidden when WhatsApp refuses the picture IQ, instead of failing', async () => {
    const transport: StanzaTransport = {
      query: async (_node: BinaryNode) =>
        handedOverByBaileys(fixtureNode('profile-picture-reply-hidden.json')),
    };

    const { answer } = await fetchProfilePicture(transport, { kind: 'jid', jid: JID }, options());

    expect(answer).toMatchObject({ kind: 'none', visibility: 'hidden' });
  });
});
