import type { ContactProfile } from '../../../functions/domain/contact/contact-profile.ts';

/** The seed page's example contact, as the demo offline directory holds it. */
export const SEED_PROFILE: ContactProfile = {
  jid: '5511999999999@s.whatsapp.net',
  user_info: {
    Status: 'Hey there! I am using WhatsApp.',
    PictureID: '1718000000',
    Devices: ['5511999999999@s.whatsapp.net'],
    VerifiedName: null,
  },
  business_profile: null,
};

/** A plain contact (no business profile) whose status says whatever the test needs. */
export function plainProfile(jid: string, status: string): ContactProfile {
  return {
    jid,
    user_info: { Status: status, PictureID: '', Devices: [jid], VerifiedName: null },
    business_profile: null,
  };
}
