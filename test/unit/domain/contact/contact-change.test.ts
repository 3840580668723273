import { describe, expect, it } from 'vitest';
import { applyContactChange } from '../../../../functions/domain/contact/contact-change.ts';
import type { ContactProfile } from '../../../../functions/domain/contact/contact-profile.ts';

const JID = '5511988887777@s.whatsapp.net';

const cached = (): ContactProfile => ({
  jid: JID,
  user_info: {
    Status: 'Loopback status',
    PictureID: '1700000001',
    Devices: ['5511988887777:0@s.whatsapp.net'],
    VerifiedName: null,
    Visibility: { Status: 'set', PictureID: 'hidden' },
  },
  business_profile: null,
});

const verifiedName = (name: string) => ({
  Certificate: { details: 'ZGV0YWlscw==', signature: 'c2ln' },
  Details: { serial: '7', issuer: 'smb:wa', verifiedName: name },
});

describe('applyContactChange', () => {
  it('replaces a carried picture id in place and says it is set', () => {
    const profile = cached();

    const applied = applyContactChange(profile, {
      jids: [JID],
      fields: ['PictureID'],
      values: { PictureID: '1700000777' },
    });

    expect(applied.profile.user_info.PictureID).toBe('1700000777');
    expect(applied.profile.user_info.Visibility).toEqual({ Status: 'set', PictureID: 'set' });
    expect(applied).toMatchObject({
      changed: ['PictureID'],
      carried: { PictureID: '1700000777' },
      stale: false,
    });
    expect(profile.user_info.PictureID).toBe('1700000001');
  });

  it('serves a removed picture as "" not set', () => {
    const applied = applyContactChange(cached(), {
      jids: [JID],
      fields: ['PictureID'],
      values: { PictureID: '' },
    });

    expect(applied.profile.user_info.PictureID).toBe('');
    expect(applied.profile.user_info.Visibility?.PictureID).toBe('not_set');
    expect(applied.carried).toEqual({ PictureID: '' });
  });

  it('replaces the about text in place and leaves every other field as it was', () => {
    const applied = applyContactChange(cached(), {
      jids: [JID],
      fields: ['Status'],
      values: { Status: 'Gone fishing' },
    });

    expect(applied.profile).toEqual({
      ...cached(),
      user_info: {
        ...cached().user_info,
        Status: 'Gone fishing',
        Visibility: { Status: 'set', PictureID: 'hidden' },
      },
    });
    expect(applied.changed).toEqual(['Status']);
  });

  it('changes nothing when the carried value is what the entry already serves', () => {
    const applied = applyContactChange(cached(), {
      jids: [JID],
      fields: ['Status'],
      values: { Status: 'Loopback status' },
    });

    expect(applied).toEqual({ profile: cached(), changed: [], carried: {}, stale: false });
  });

  it('marks the entry stale for a device list change, which carries no value', () => {
    const applied = applyContactChange(cached(), { jids: [JID], fields: ['Devices'], values: {} });

    expect(applied).toEqual({ profile: cached(), changed: ['Devices'], carried: {}, stale: true });
  });

  it('replaces the verified name with the certificate the message carried', () => {
    const applied = applyContactChange(cached(), {
      jids: [JID],
      fields: ['VerifiedName'],
      values: { VerifiedName: verifiedName('Acme Ltd') },
    });

    expect(applied.profile.user_info.VerifiedName).toEqual(verifiedName('Acme Ltd'));
    expect(applied.carried).toEqual({ VerifiedName: verifiedName('Acme Ltd') });
    expect(applied.profile.user_info.Visibility).toEqual(cached().user_info.Visibility);
  });
});
