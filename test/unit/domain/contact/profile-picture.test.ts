import { describe, expect, it } from 'vitest';
import {
  contactPictureSchema,
  pictureUrlExpiresAt,
} from '../../../../functions/domain/contact/profile-picture.ts';

describe('pictureUrlExpiresAt', () => {
  it("reads the URL's oe parameter as hex epoch seconds, in milliseconds", () => {
    const url = 'https://pps.whatsapp.net/v/t61/abc.jpg?ccb=11-4&oh=01_x&oe=6760A2B3&_nc_cat=1';

    const expiresAt = pictureUrlExpiresAt(url);

    expect(expiresAt).toBe(0x6760a2b3 * 1000);
  });

  it('is undefined for a URL without oe, with an unreadable oe, or for no URL at all', () => {
    const results = [
      'https://pps.whatsapp.net/v/t61/abc.jpg?oh=01_x',
      'https://pps.whatsapp.net/v/t61/abc.jpg?oe=not-hex',
      'https://pps.whatsapp.net/v/t61/abc.jpg?oe=1234567890abcd',
      'not a url',
    ].map(pictureUrlExpiresAt);

    expect(results).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('contactPictureSchema', () => {
  it('takes a picture, or null with the reason, and nothing between', () => {
    const picture = { url: 'https://x', id: '1', type: 'image', direct_path: '/v/1' };

    const parsed = [
      { jid: 'a@s.whatsapp.net', picture },
      { jid: 'a@s.whatsapp.net', picture: null, visibility: 'hidden' },
      { jid: 'a@s.whatsapp.net', picture: null },
    ].map((data) => contactPictureSchema.safeParse(data).success);

    expect(parsed).toEqual([true, true, false]);
  });
});
