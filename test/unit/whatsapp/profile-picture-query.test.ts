import { describe, expect, it } from 'vitest';
import { pictureUrlExpiresAt } from '../../../functions/domain/contact/profile-picture.ts';
import {
  buildProfilePictureQuery,
  parseProfilePictureReply,
  pictureAnswerForRefusal,
} from '../../../functions/whatsapp/profile-picture-query.ts';
import { handedOverByBaileys } from '../../support/whatsapp/handed-over-by-baileys.ts';
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

  it('says unchanged when WhatsApp answers status 304 to a known id', async () => {
    const answer = parseProfilePictureReply(
      await wireFixture('profile-picture-reply-unchanged.json'),
      '1718000000',
    );

    expect(answer).toEqual({ kind: 'unchanged' });
  });
});

/** What Baileys' socket.query throws for a refused fixture reply. */
const thrownFor = (fixture: string) =>
  handedOverByBaileys(fixtureNode(fixture)).then(
    () => {
      throw new Error('Baileys handed a refused reply over as a reply');
    },
    (error: unknown) => error,
  );

describe('pictureAnswerForRefusal', () => {
  it('says hidden when WhatsApp refuses the picture IQ with 401 not-authorized', async () => {
    const thrown = await thrownFor('profile-picture-reply-hidden.json');

    expect(pictureAnswerForRefusal(thrown)).toEqual({ kind: 'none', visibility: 'hidden' });
  });

  it('says not_set when WhatsApp refuses the picture IQ with 404 item-not-found', async () => {
    const thrown = await thrownFor('profile-picture-reply-not-set.json');

    expect(pictureAnswerForRefusal(thrown)).toEqual({ kind: 'none', visibility: 'not_set' });
  });

  it('leaves rate-overlimit to the adapter, which maps it to 429', async () => {
    const thrown = await thrownFor('iq-reply-rate-overlimit.json');

    expect(pictureAnswerForRefusal(thrown)).toBeUndefined();
    expect(thrown).toMatchObject({ isBoom: true, data: 429 });
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
