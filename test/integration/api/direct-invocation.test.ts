import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../../functions/local/local-stack.ts';
import { profileCacheOn } from '../../support/aws/cache-tables.ts';
import { SEED_PROFILE } from '../../support/contacts/seed-profile.ts';
import { callApi } from '../../support/http/api-client.ts';
import { startLocalStackWithToken } from '../../support/local-stack/local-stack-with-token.ts';

const SEED_DATA = SEED_PROFILE;

const ISO_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('the profile function invoked by other AWS services', () => {
  let stack: LocalStack;
  let token: string;

  beforeAll(async () => {
    ({ stack, token } = await startLocalStackWithToken());
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it.each([
    [
      'returns the seed body for a Lambda Invoke payload',
      JSON.parse('{"tenantId":"acme","userId":"alice","jid":"5511999999999@s.whatsapp.net"}'),
    ],
    [
      'accepts the state input Step Functions passes with Payload.$ = $ (extra fields ignored)',
      {
        tenantId: 'acme',
        userId: 'alice',
        number: '+55 (11) 99999-9999',
        refresh: false,
        leadId: 'lead-42',
      },
    ],
    [
      'unwraps an EventBridge event whose detail is the direct event',
      {
        version: '0',
        id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
        'detail-type': 'LeadCreated',
        source: 'crm.leads',
        account: '111122223333',
        time: '2026-11-25T12:00:00Z',
        region: 'us-east-1',
        resources: [],
        detail: { tenantId: 'acme', userId: 'alice', jid: '5511999999999@s.whatsapp.net' },
      },
    ],
  ])('%s', async (_behaviour, event) => {
    const body = await stack.invokeProfile(event);

    expect(body).toEqual({ success: true, data: SEED_DATA });
  });

  it.each([
    ['neither kind of event', { hello: 'world' }],
    ['a direct event without a contact', { tenantId: 'acme', userId: 'alice' }],
    ['a direct event with a group JID', { tenantId: 'acme', userId: 'alice', jid: '1203630@g.us' }],
    ['a direct event with a bad tenant id', { tenantId: 'a#b', userId: 'alice', jid: 'x' }],
    ['a string', 'profile please'],
  ])('returns the VALIDATION_ERROR envelope for %s', async (_case, event) => {
    const body = (await stack.invokeProfile(event)) as Record<string, unknown>;

    expect(body.success).toBe(false);
    expect(body.error_code).toBe('VALIDATION_ERROR');
    expect(body.timestamp).toMatch(ISO_SECOND);
    expect(body).not.toHaveProperty('statusCode');
  });

  it.each([
    [
      'UNAUTHORIZED',
      'for a tenant and user that hold no token',
      { tenantId: 'acme', userId: 'mallory', jid: '5511999999999@s.whatsapp.net' },
    ],
    [
      'NOT_FOUND',
      'for a contact that is not on WhatsApp',
      { tenantId: 'acme', userId: 'alice', number: '+447911123456' },
    ],
  ])('returns %s %s', async (errorCode, _case, event) => {
    const body = (await stack.invokeProfile(event)) as Record<string, unknown>;

    expect(body.error_code).toBe(errorCode);
  });

  it('warms the cache from a warm-up message so the next HTTPS read is a HIT', async () => {
    const path = '/contacts/profile?jid=14155550123%40s.whatsapp.net';
    await stack.sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.resources.warmupQueueUrl,
        MessageBody: JSON.stringify({
          tenantId: 'acme',
          userId: 'alice',
          contacts: [{ jid: '14155550123@s.whatsapp.net' }, { number: 'not a number' }],
        }),
      }),
    );

    const cache = profileCacheOn(stack, 0);
    const identity = { tenantId: 'acme', userId: 'alice' };
    const contact = { kind: 'jid', jid: '14155550123@s.whatsapp.net' } as const;
    // Wait for the warm-up to land in the cache without reading through the API, which would
    // itself fetch the profile on a miss.
    for (let attempt = 0; attempt < 100 && !(await cache.get(identity, contact)); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const response = await callApi(stack.url, path, { token });

    expect(response.status).toBe(200);
    expect(response.headers.get('x-cache')).toBe('HIT');
    expect(response.body.data.jid).toBe('14155550123@s.whatsapp.net');
  });
});
