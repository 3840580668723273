import type {
  ContactProfileResult,
  GetContactProfile,
  GetContactProfileRequest,
} from '../../../functions/contacts/get-profile/get-contact-profile.ts';
import type {
  BatchProfileResult,
  GetContactProfiles,
  GetContactProfilesRequest,
} from '../../../functions/contacts/get-profiles/get-contact-profiles.ts';

/** The clock the profile handler tests stop at. */
export const NOW = Date.parse('2026-06-15T12:00:00Z');
/** How the envelope's timestamp reads: whole seconds, UTC. */
export const ISO_SECOND_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
export const PROFILE_JSON =
  '{"jid":"5511999999999@s.whatsapp.net","user_info":{"Status":"hi","PictureID":"","Devices":[],"VerifiedName":null},"business_profile":null}';
/** A cache hit fetched ten seconds before NOW. */
export const RESULT: ContactProfileResult = {
  profileJson: PROFILE_JSON,
  fetchedAt: NOW - 10_000,
  etag: '"etag-1"',
  cacheStatus: 'HIT',
};

/** What either profile handler asks of the use case for alice's JID at NOW, with a 10 s deadline. */
export const ALICE_JID_REQUEST: GetContactProfileRequest = {
  identity: { tenantId: 'acme', userId: 'alice' },
  contact: { kind: 'jid', jid: '5511999999999@s.whatsapp.net' },
  refresh: false,
  deadline: NOW + 10_000,
};

/**
 * The profile use case as a fake that answers `answer` (or throws it) and keeps every request
 * it was given, for the handler tests over it.
 */
export function recordingGetContactProfile(answer: ContactProfileResult | Error = RESULT) {
  const requests: GetContactProfileRequest[] = [];
  const getContactProfile: GetContactProfile = async (request) => {
    requests.push(request);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { getContactProfile, requests };
}

/**
 * The batch use case as a fake: every well-formed entry a cache hit with PROFILE_JSON, every
 * malformed one its own error, each request kept.
 */
export function recordingGetContactProfiles() {
  const requests: GetContactProfilesRequest[] = [];
  const getContactProfiles: GetContactProfiles = async (request) => {
    requests.push(request);
    return request.entries.map(
      (entry): BatchProfileResult =>
        'kind' in entry
          ? { ok: true, profileJson: PROFILE_JSON, cacheStatus: 'HIT' }
          : { ok: false, error: entry },
    );
  };
  return { getContactProfiles, requests };
}
