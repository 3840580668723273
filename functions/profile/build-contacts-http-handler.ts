import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { PROFILE_PICTURE_PATH, PROFILES_PATH } from '../api/api-routes.ts';
import type { PictureHttpHandler } from './build-picture-http-handler.ts';
import type { ProfileHttpHandler } from './build-profile-http-handler.ts';
import type { ProfilesBatchHttpHandler } from './build-profiles-batch-http-handler.ts';

export interface ContactsHttpHandlers {
  profile: ProfileHttpHandler;
  picture: PictureHttpHandler;
  profiles: ProfilesBatchHttpHandler;
}

/**
 * The contacts function: one Lambda for the contact routes (they share the cache, the request
 * queues and the reply queue). Each route has its own middy handler; anything else goes to the
 * profile handler, whose envelope answers 404 NOT_FOUND.
 */
export function buildContactsHttpHandler(handlers: ContactsHttpHandlers) {
  return function contactsHandler(
    event: APIGatewayProxyEvent,
    context: Context,
  ): Promise<APIGatewayProxyResult> {
    if (event.resource === PROFILE_PICTURE_PATH && event.httpMethod === 'GET') {
      return handlers.picture(event, context);
    }
    if (event.resource === PROFILES_PATH && event.httpMethod === 'POST') {
      return handlers.profiles(event, context);
    }
    return handlers.profile(event, context);
  };
}

export type ContactsHttpHandler = ReturnType<typeof buildContactsHttpHandler>;
