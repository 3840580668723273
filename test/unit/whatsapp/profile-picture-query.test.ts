import { describe, expect, it } from 'vitest';
import { pictureUrlExpiresAt } from '../../../functions/domain/contact/profile-picture.ts';
import {
  buildProfilePictureQuery,
  parseProfilePictureReply,
} from '../../../functions/whatsapp/profile-picture-query.ts';
import { WhatsAppStanzaError } from '../../../functions/whatsapp/whatsapp-stanza-error.ts';
import { fixtureNode, wireBytes, wireFixture } from '../../support/whatsapp/stanza-fixtures.ts';

const JID = '5511987654321@s.whatsapp.net';

describe('buildProfilePictureQuery', () => {
  it('sends the picture IQ with the privacy token inside <picture>, as whatsmeow does', () => {
    const query = buildProfilePictureQuery(JID, {
      type: 'image',
      privacyToken: Buffer.from('tctoken-bytes'),
    });

    expect(wireBytes(query)).toBe(wireBytes(fixtureNode('profile-picture-query.json')));
  });

  it('asks for the thumbnail and names the picture id the caller holds', () => {
    const query = buildProfilePictureQuery(JID, { type: 'preview', existingId: '1718000000' });

    expect(wireBytes(query)).toBe(
      wireBytes(fixtureNode('profile-picture-query-preview-existing.json')),
    );
  });
});

describe('parseProfilePictureReply', () => {
  it("maps the answer to whatsmeow's ProfilePictureInfo without the hash", async () => {
    const answer = parseProfilePictureReply(await wireFixture('profile-picture-reply.json'));

    expect(answer).toEqual({
      kind: 'picture',
      picture: {
        url: 'https://pps.whatsapp.net/v/t61.24694-24/412345678_1718000000_n.jpg?ccb=11-4&oh=01_Q5AaIabc&oe=6720F1C0&_nc_sid=5e03e0&_nc_cat=104',
        id: '1718000000',
        type: 'image',
        direct_path:
          '/v/t61.24694-24/412345678_1718000000_n.jpg?ccb=11-4&oh=01_Q5AaIabc&oe=6720F1C0&_nc_sid=5e03e0',
      },
    });
  });

  it('says hidden when WhatsApp answers 401 not-authorized', async () => {
    const answer = parseProfilePictureReply(await wireFixture('profile-picture-reply-hidden.json'));

    expect(answer).toEqual({ kind: 'none', visibility: 'hidden' });
  });

  it('says not_set when WhatsApp answers 404 item-not-found', async () => {
    const answer = parseProfilePictureReply(
      await wireFixture('profile-picture-reply-not-set.json'),
    );

    expect(answer).toEqual({ kind: 'none', visibility: 'not_set' });
  });

  it('says unchanged when WhatsApp answers status 304 to a known id', async () => {
    const answer = parseProfilePictureReply(
      await wireFixture('profile-picture-reply-unchanged.json'),
      '1718000000',
    );

    expect(answer).toEqual({ kind: 'unchanged' });
  });

  it('throws rate-overlimit for the adapter to map to 429', async () => {
    const reply = await wireFixture('iq-reply-rate-overlimit.json');

    expect(() => parseProfilePictureReply(reply)).toThrow(WhatsAppStanzaError);
  });
});

describe('pictureUrlExpiresAt', () => {
  it('reads the oe parameter as hex epoch seconds', () => {
    const url = fixtureNode('profile-picture-reply.json');
    const attrs = Array.isArray(url.content) ? url.content[0]?.attrs : undefined;

    expect(pictureUrlExpiresAt(attrs?.url ?? '')).toBe(Date.parse('2024-10-29T14:31:28Z'));
  });

  it('returns undefined for a URL without a readable oe', () => {
    expect(pictureUrlExpiresAt('https://pps.whatsapp.net/v/x.jpg?oe=zz')).toBeUndefined();
    expect(pictureUrlExpiresAt('not a url')).toBeUndefined();
  });
});
