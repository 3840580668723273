import type { ContactProfile } from './contact-profile.ts';

type UserInfo = ContactProfile['user_info'];

/** The `user_info` fields WhatsApp tells a linked device about when a contact changes them. */
export type ContactChangeField = 'PictureID' | 'Status' | 'VerifiedName' | 'Devices';

/** The new values a change notification can carry (a device list change carries none). */
export type CarriedValues = Partial<Pick<UserInfo, 'PictureID' | 'Status' | 'VerifiedName'>>;

/**
 * What one WhatsApp notification says about one contact: the contact's user JIDs (its
 * phone-number JID, its LID, or both when known), the fields that changed, and the new values
 * it carried. A field listed without a value can only mark a cached entry stale.
 */
export interface ContactChange {
  jids: string[];
  fields: ContactChangeField[];
  values: CarriedValues;
}

/** A cached profile with a change applied: what differs, and whether it must be fetched again. */
export interface AppliedChange {
  profile: ContactProfile;
  /** The fields that now differ from what the entry held (all of them for a stale mark). */
  changed: ContactChangeField[];
  /** The carried values among `changed`: what the entry now serves for them. */
  carried: CarriedValues;
  /** True when a changed field carried no value: the entry is stale until fetched again. */
  stale: boolean;
}

/**
 * Applies a change to a cached profile: a carried value replaces the field in place (and its
 * visibility says `set` or `not_set`, as a fresh lookup would); a field without a value marks
 * the entry stale. A carried value equal to what the entry holds changes nothing.
 */
export function applyContactChange(profile: ContactProfile, change: ContactChange): AppliedChange {
  const userInfo: UserInfo = {
    ...profile.user_info,
    ...(profile.user_info.Visibility && { Visibility: { ...profile.user_info.Visibility } }),
  };
  const changed: ContactChangeField[] = [];
  const carried: CarriedValues = {};
  let stale = false;
  for (const field of new Set(change.fields)) {
    if (field === 'Devices' || change.values[field] === undefined) {
      changed.push(field);
      stale = true;
      continue;
    }
    const value = change.values[field];
    if (JSON.stringify(userInfo[field]) === JSON.stringify(value)) continue;
    changed.push(field);
    if (field === 'VerifiedName') {
      userInfo.VerifiedName = value as UserInfo['VerifiedName'];
      carried.VerifiedName = userInfo.VerifiedName;
      continue;
    }
    const text = value as string;
    userInfo[field] = text;
    carried[field] = text;
    if (userInfo.Visibility) userInfo.Visibility[field] = text ? 'set' : 'not_set';
  }
  return { profile: { ...profile, user_info: userInfo }, changed, carried, stale };
}
