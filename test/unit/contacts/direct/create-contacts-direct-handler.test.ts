import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { createContactsDirectHandler } from '../../../../functions/contacts/direct/create-contacts-direct-handler.ts';
import type { ContactProfileResult } from '../../../../functions/contacts/get-profile/get-contact-profile.ts';
import { NotFoundError } from '../../../../functions/domain/errors/app-errors.ts';
import type { SessionIdentity } from '../../../../functions/domain/session/session-identity.ts';
import {
  ALICE_JID_REQUEST,
  ISO_SECOND_UTC,
  NOW,
  PROFILE_JSON,
  RESULT,
  recordingGetContactProfile,
  recordingGetContactProfiles,
} from '../../../support/contacts/recording-get-contact-profile.ts';
import { fixedLambdaContext } from '../../../support/lambda/lambda-context.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';

function lambdaContext(remainingMs?: number): Context {
  return fixedLambdaContext('profile-direct', remainingMs, {
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:profile-direct',
  });
}

function setup(answer: ContactProfileResult | Error = RESULT, known = true) {
  const { getContactProfile, requests } = recordingGetContactProfile(answer);
  const checked: SessionIdentity[] = [];
  const { getContactProfiles, requests: batchRequests } = recordingGetContactProfiles();
  const logger = silentLogger();
  const handler = createContactsDirectHandler({
    getContactProfile,
    getContactProfiles,
    knownUsers: {
      exists: async (identity) => {
        checked.push(identity);
        return known;
      },
    },
    logger,
    liveLookupDeadlineMs: 10_000,
    now: () => NOW,
  });
  return { handler, requests, batchRequests, checked, logger };
}

describe('createContactsDirectHandler', () => {
  it('returns the contract body object for a direct event', async () => {
    // prepare
    const { handler, requests, checked } = setup();

    // act
    const body = await handler(
      { tenantId: 'acme', userId: 'alice', jid: '5511999999999@s.whatsapp.net' },
      lambdaContext(),
    );

    // assert
    expect(body).toEqual({ success: true, data: JSON.parse(PROFILE_JSON) });
    expect(checked).toEqual([{ tenantId: 'acme', userId: 'alice' }]);
    expect(requests).toEqual([ALICE_JID_REQUEST]);
  });

  it('answers many contacts in one invocation, one body per contact in order', async () => {
    // prepare
    const { handler, batchRequests, checked } = setup();

    // act
    const body = await handler(
      {
        tenantId: 'acme',
        userId: 'alice',
        contacts: [{ jid: '5511999999999@s.whatsapp.net' }, { jid: '123@g.us' }],
        refresh: true,
      },
      lambdaContext(),
    );

    // assert
    expect(checked).toEqual([{ tenantId: 'acme', userId: 'alice' }]);
    expect(batchRequests).toHaveLength(1);
    expect(batchRequests[0]?.refresh).toBe(true);
    expect(body).toMatchObject({
      success: true,
      data: [
        { success: true, data: JSON.parse(PROFILE_JSON) },
        { success: false, error_code: 'VALIDATION_ERROR' },
      ],
    });
  });

  it('returns VALIDATION_ERROR for the whole invocation when the list is empty', async () => {
    // prepare
    const { handler, batchRequests } = setup();

    // act
    const body = await handler(
      { tenantId: 'acme', userId: 'alice', contacts: [] },
      lambdaContext(),
    );

    // assert
    expect(body).toMatchObject({ success: false, error_code: 'VALIDATION_ERROR' });
    expect(batchRequests).toHaveLength(0);
  });

  it('passes refresh through as the boolean it is', async () => {
    const { handler, requests } = setup();
    await handler(
      { tenantId: 'acme', userId: 'alice', number: '+55 11 99999-9999', refresh: true },
      lambdaContext(),
    );
    expect(requests[0]).toMatchObject({
      contact: { kind: 'number', digits: '5511999999999' },
      refresh: true,
    });
  });

  it('unwraps the detail of an EventBridge event', async () => {
    // prepare
    const { handler, requests } = setup();
    const event = {
      'detail-type': 'LeadCreated',
      source: 'crm.leads',
      detail: { tenantId: 'acme', userId: 'alice', jid: '1@lid' },
    };

    // act
    const body = await handler(event, lambdaContext());

    // assert
    expect(body.success).toBe(true);
    expect(requests[0]?.contact).toEqual({ kind: 'jid', jid: '1@lid' });
  });

  it('keeps the deadline inside the Lambda remaining time', async () => {
    const { handler, requests } = setup();
    await handler({ tenantId: 'acme', userId: 'alice', jid: '1@lid' }, lambdaContext(3000));
    expect(requests[0]?.deadline).toBe(NOW + 3000 - 500);
  });

  it.each([
    ['an API Gateway proxy event', { httpMethod: 'GET', requestContext: {}, resource: '/' }],
    ['a string', 'profile please'],
    ['null', null],
    ['a refresh that is not a boolean', { tenantId: 'acme', userId: 'alice', refresh: 'true' }],
  ])('returns the VALIDATION_ERROR envelope object for %s', async (_case, event) => {
    // prepare
    const { handler, requests, checked } = setup();

    // act
    const body = await handler(event, lambdaContext());

    // assert
    expect(body).toEqual({
      success: false,
      error: expect.any(String),
      error_code: 'VALIDATION_ERROR',
      timestamp: expect.stringMatching(ISO_SECOND_UTC),
    });
    expect(requests).toHaveLength(0);
    expect(checked).toHaveLength(0);
  });

  it('returns UNAUTHORIZED when the tenant and user hold no token', async () => {
    const { handler, requests } = setup(RESULT, false);
    const body = await handler(
      { tenantId: 'acme', userId: 'mallory', jid: '1@lid' },
      lambdaContext(),
    );
    expect(body).toMatchObject({
      success: false,
      error_code: 'UNAUTHORIZED',
      error: 'unknown tenant or user',
    });
    expect(requests).toHaveLength(0);
  });

  it('returns the NOT_FOUND envelope object, never an HTTP response', async () => {
    const { handler } = setup(new NotFoundError('the contact is not on WhatsApp'));
    const body = await handler(
      { tenantId: 'acme', userId: 'alice', jid: '1@lid' },
      lambdaContext(),
    );
    expect(body).toEqual({
      success: false,
      error: 'the contact is not on WhatsApp',
      error_code: 'NOT_FOUND',
      timestamp: expect.stringMatching(ISO_SECOND_UTC),
    });
    expect(body).not.toHaveProperty('statusCode');
  });

  it('returns INTERNAL_ERROR with a generic message and logs the cause once', async () => {
    // prepare
    const { handler, logger } = setup(new Error('DynamoDB table cache-prod does not exist'));
    const logged = vi.spyOn(logger, 'error');

    // act
    const body = await handler(
      { tenantId: 'acme', userId: 'alice', jid: '1@lid' },
      lambdaContext(),
    );

    // assert
    expect(body).toMatchObject({
      success: false,
      error: 'internal error; the request was logged and can be retried',
      error_code: 'INTERNAL_ERROR',
    });
    expect(JSON.stringify(body)).not.toContain('cache-prod');
    expect(logged).toHaveBeenCalledTimes(1);
  });
});
