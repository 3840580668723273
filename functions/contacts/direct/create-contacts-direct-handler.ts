import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { parseContactsBatchBody } from '../../api/contacts-batch-body.ts';
import type { ErrorEnvelope } from '../../api/error-envelope.ts';
import { directErrorEnvelope } from '../../api/error-envelope-middleware.ts';
import { invocationDeadline } from '../../api/invocation-deadline.ts';
import type { ContactProfile } from '../../domain/contact/contact-profile.ts';
import { parseContact } from '../../domain/contact/parse-contact.ts';
import { UnauthorizedError } from '../../domain/errors/app-errors.ts';
import type { KnownUsers } from '../../ports/known-users.ts';
import type { GetContactProfile } from '../get-profile/get-contact-profile.ts';
import { createServeProfile } from '../get-profile/get-contact-profile.ts';
import type { GetContactProfiles } from '../get-profiles/get-contact-profiles.ts';
import { batchBodyJson, unexpectedItemErrors } from '../get-profiles/profiles-response.ts';
import { parseDirectProfileEvent } from './direct-profile-event.ts';

export interface ContactsDirectHandlerDependencies {
  getContactProfile: GetContactProfile;
  getContactProfiles: GetContactProfiles;
  knownUsers: KnownUsers;
  logger: Logger;
  liveLookupDeadlineMs: number;
  now?: () => number;
}

/** The contract's body object, returned as-is: `success` tells a profile from an error. */
export type ProfileBody = { success: true; data: ContactProfile } | ErrorEnvelope;

/** Many contacts' answer: POST /contacts/profiles' body, one ProfileBody per contact. */
export type ProfilesBody = { success: true; data: ProfileBody[] };

/**
 * The profile lookup for other AWS services: Lambda Invoke, Step Functions, EventBridge. The
 * result is the contract's body object, errors included, never an HTTP response.
 */
export function createContactsDirectHandler(dependencies: ContactsDirectHandlerDependencies) {
  const { logger } = dependencies;
  const serveProfile = createServeProfile(dependencies);

  async function getProfile(
    received: unknown,
    context: Context,
  ): Promise<ProfileBody | ProfilesBody> {
    const event = parseDirectProfileEvent(received);
    const identity = { tenantId: event.tenantId, userId: event.userId };
    logger.info('direct invocation', {
      tenantId: identity.tenantId,
      invokedFunctionArn: context.invokedFunctionArn,
      ...(context.identity ? { cognitoIdentityId: context.identity.cognitoIdentityId } : {}),
      ...(context.clientContext ? { clientContext: context.clientContext.client } : {}),
    });
    if (event.kind === 'many') {
      // The same rules as the HTTP body: a bad list fails the call, a bad entry only its item.
      const { entries, refresh } = parseContactsBatchBody(
        JSON.stringify({ contacts: event.contacts, refresh: event.refresh }),
      );
      if (!(await dependencies.knownUsers.exists(identity))) {
        throw new UnauthorizedError('unknown tenant or user');
      }
      const now = dependencies.now ?? Date.now;
      const items = await dependencies.getContactProfiles({
        identity,
        entries,
        refresh,
        deadline: invocationDeadline(now(), dependencies.liveLookupDeadlineMs, context),
      });
      for (const error of unexpectedItemErrors(items)) {
        logger.error('batch item failed', { error: error as Error });
      }
      return JSON.parse(batchBodyJson(items, new Date(now()))) as ProfilesBody;
    }
    const contact = parseContact(event);
    if (!(await dependencies.knownUsers.exists(identity))) {
      throw new UnauthorizedError('unknown tenant or user');
    }
    const result = await serveProfile(identity, contact, event.refresh ?? false, context);
    // The stored bytes are the profile as validated when it was written.
    return { success: true, data: JSON.parse(result.profileJson) as ContactProfile };
  }

  return middy<unknown, ProfileBody | ProfilesBody>()
    .use(directErrorEnvelope(logger))
    .handler(getProfile);
}

export type ContactsDirectHandler = ReturnType<typeof createContactsDirectHandler>;
