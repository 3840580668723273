import { PROFILE_PICTURE_PATH, PROFILES_PATH } from '../../api/api-routes.ts';
import { routeDispatcher } from '../../api/http-route.ts';
import type { GetPictureRoute } from '../get-picture/get-picture-route.ts';
import type { GetProfileRoute } from '../get-profile/get-profile-route.ts';
import type { GetProfilesRoute } from '../get-profiles/get-profiles-route.ts';

export interface ContactsHttpRoutes {
  profile: GetProfileRoute;
  picture: GetPictureRoute;
  profiles: GetProfilesRoute;
}

/**
 * The contacts function: one Lambda for the contact routes (they share the cache, the request
 * queues and the reply queue). Each route has its own middy handler; anything else goes to the
 * GET /contacts/profile route, whose envelope answers 404 NOT_FOUND.
 */
export function createContactsHttpHandler(handlers: ContactsHttpRoutes) {
  return routeDispatcher(
    {
      [`GET ${PROFILE_PICTURE_PATH}`]: handlers.picture,
      [`POST ${PROFILES_PATH}`]: handlers.profiles,
    },
    handlers.profile,
  );
}

export type ContactsHttpHandler = ReturnType<typeof createContactsHttpHandler>;
