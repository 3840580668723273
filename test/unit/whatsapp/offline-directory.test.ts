import { describe, expect, it } from 'vitest';
import { pictureUrlExpiresAt } from '../../../functions/domain/contact/profile-picture.ts';
import {
  DEMO_DIRECTORY_FILE,
  OfflineDirectory,
} from '../../../functions/whatsapp/offline-directory.ts';

const IDENTITY = { tenantId: 'acme', userId: 'alice' };
const BUSINESS = '14155550123@s.whatsapp.net';

describe('OfflineDirectory', () => {
  it("serves an entry's profile_picture from the picture lookup", async () => {
    const directory = await OfflineDirectory.fromFile(DEMO_DIRECTORY_FILE);

    const answer = await directory.lookupPicture(
      IDENTITY,
      { kind: 'number', digits: '14155550123' },
      { type: 'image' },
    );

    expect(answer).toMatchObject({
      jid: BUSINESS,
      picture: { id: '1725000000', type: 'image', direct_path: expect.stringMatching(/^\/v\//) },
    });
    const url = 'picture' in answer && answer.picture ? answer.picture.url : '';
    expect(pictureUrlExpiresAt(url)).toBeGreaterThan(Date.parse('2099-01-01T00:00:00Z'));
  });

  it('never puts profile_picture in the profile', async () => {
    const directory = await OfflineDirectory.fromFile(DEMO_DIRECTORY_FILE);

    const profile = await directory.lookup(IDENTITY, { kind: 'jid', jid: BUSINESS });

    expect(Object.keys(profile).sort()).toEqual(['business_profile', 'jid', 'user_info']);
  });

  it('answers not_set for an entry whose profile_picture is null', async () => {
    const directory = await OfflineDirectory.fromFile(DEMO_DIRECTORY_FILE);

    const answer = await directory.lookupPicture(
      IDENTITY,
      { kind: 'jid', jid: '123456789012345@lid' },
      { type: 'preview' },
    );

    expect(answer).toEqual({ jid: '123456789012345@lid', picture: null, visibility: 'not_set' });
  });

  it('answers unchanged when the caller already holds the current picture id', async () => {
    const directory = await OfflineDirectory.fromFile(DEMO_DIRECTORY_FILE);

    const answer = await directory.lookupPicture(
      IDENTITY,
      { kind: 'jid', jid: BUSINESS },
      { type: 'image', existingId: '1725000000' },
    );

    expect(answer).toEqual({ jid: BUSINESS, unchanged: true });
  });

  it('answers a batch item by item, NOT_FOUND for contacts not in the file', async () => {
    const directory = await OfflineDirectory.fromFile(DEMO_DIRECTORY_FILE);

    const items = await directory.lookupMany(IDENTITY, [
      { kind: 'number', digits: '5511999999999' },
      { kind: 'number', digits: '5511900000404' },
      { kind: 'jid', jid: BUSINESS },
    ]);

    expect(items.map((item) => (item.ok ? item.profile.jid : item.error.errorCode))).toEqual([
      '5511999999999@s.whatsapp.net',
      'NOT_FOUND',
      BUSINESS,
    ]);
  });
});
