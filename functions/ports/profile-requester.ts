import type { ContactProfile } from '../domain/contact/contact-profile.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';

export interface LiveProfile {
  profile: ContactProfile;
  fetchedAt: number;
}

/**
 * Asks the session worker for a live profile and waits for its answer until `deadline`
 * (epoch ms). Throws UpstreamTimeoutError past the deadline, SessionUnavailableError when the
 * worker tier cannot be reached, or the AppError the worker answered with.
 */
export interface ProfileRequester {
  request(
    identity: SessionIdentity,
    contact: ContactQuery,
    options: { deadline: number; refresh: boolean },
  ): Promise<LiveProfile>;
}
