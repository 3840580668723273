import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbTokenStore } from '../../../functions/adapters/dynamodb-token-store.ts';
import { createApiToken, revokeApiToken } from '../../../functions/cli/api-token-commands.ts';
import type { LocalStack } from '../../../functions/local/local-stack.ts';
import { SEED_PROFILE } from '../../support/contacts/seed-profile.ts';
import { callApi, isErrorEnvelope, isGatewayErrorEnvelope } from '../../support/http/api-client.ts';
import { startLocalStackWithToken } from '../../support/local-stack/local-stack-with-token.ts';

const SEED_BODY = { success: true, data: SEED_PROFILE };
const SEED_PATH = '/contacts/profile?jid=5511999999999%40s.whatsapp.net&number=5511999999999';

describe('GET /contacts/profile on the local stack', () => {
  let stack: LocalStack;
  let token: string;
  let tokens: DynamoDbTokenStore;

  beforeAll(async () => {
    ({ stack, tokens, token } = await startLocalStackWithToken({
      LIVE_LOOKUP_DEADLINE_MS: '3000',
    }));
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('returns the seed example body for the seed request', async () => {
    const response = await callApi(stack.url, SEED_PATH, { token });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.body).toEqual(SEED_BODY);
  });

  it('serves the second read from the cache with an ETag, and 304 for If-None-Match', async () => {
    const path = '/contacts/profile?jid=14155550123%40s.whatsapp.net';
    const first = await callApi(stack.url, path, { token });

    const second = await callApi(stack.url, path, { token });
    const conditional = await callApi(stack.url, path, {
      token,
      headers: { 'If-None-Match': second.headers.get('etag') ?? '' },
    });

    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect(conditional.status).toBe(304);
    expect(conditional.text).toBe('');
  });

  it('returns the business profile of a business contact', async () => {
    const response = await callApi(stack.url, '/contacts/profile?number=%2B1%20(415)%20555-0123', {
      token,
    });

    expect(response.status).toBe(200);
    expect(response.body.data.jid).toBe('14155550123@s.whatsapp.net');
    expect(response.body.data.business_profile.Categories).toHaveLength(2);
    expect(response.body.data.user_info.VerifiedName.Details.serial).toBe('16429713427063195793');
  });

  it('normalises a legacy c.us JID with a device suffix', async () => {
    const response = await callApi(stack.url, '/contacts/profile?jid=5511999999999:12%40c.us', {
      token,
    });

    expect(response.status).toBe(200);
    expect(response.body.data.jid).toBe('5511999999999@s.whatsapp.net');
  });

  it('accepts the scheme in lower case', async () => {
    const response = await callApi(stack.url, SEED_PATH, { authorization: `bearer ${token}` });

    expect(response.status).toBe(200);
  });

  it.each([
    ['no token', undefined],
    ['a malformed token', 'Bearer not-a-uuid'],
    ['an unknown token', 'Bearer 1b4e28ba-2fa1-41d2-883f-0016d3cca427'],
    ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
  ])('returns 401 UNAUTHORIZED for %s', async (_case, authorization) => {
    const response = await callApi(
      stack.url,
      SEED_PATH,
      authorization === undefined ? {} : { authorization },
    );

    expect(response.status).toBe(401);
    expect(isErrorEnvelope(response.body, 'UNAUTHORIZED')).toBe(true);
    expect(response.text).not.toContain('not-a-uuid');
  });

  it('returns 401 UNAUTHORIZED for a revoked token', async () => {
    const { token: revoked } = await createApiToken(tokens, { tenantId: 'acme', userId: 'bob' });
    await revokeApiToken(tokens, { token: revoked });

    const response = await callApi(stack.url, SEED_PATH, { token: revoked });

    expect(response.status).toBe(401);
    expect(isErrorEnvelope(response.body, 'UNAUTHORIZED')).toBe(true);
    expect(response.body.error).toContain('revoked');
    expect(response.text).not.toContain(revoked);
  });

  it.each([
    ['no query', '/contacts/profile', 'either jid or number is required'],
    ['a group JID', '/contacts/profile?jid=120363025246125486%40g.us', 'group JID'],
    ['a garbage JID', '/contacts/profile?jid=%F0%9F%98%80hello', 'jid'],
    ['a non-number', '/contacts/profile?number=call-me-maybe', 'number'],
    ['a number too short to exist', '/contacts/profile?number=%2B12', 'number'],
  ])('returns 400 VALIDATION_ERROR for %s', async (_case, path, messagePart) => {
    const response = await callApi(stack.url, path, { token });

    expect(response.status).toBe(400);
    expect(isErrorEnvelope(response.body, 'VALIDATION_ERROR')).toBe(true);
    expect(response.body.error).toContain(messagePart);
  });

  it('returns 404 NOT_FOUND for a contact that is not on WhatsApp', async () => {
    const response = await callApi(stack.url, '/contacts/profile?number=%2B447911123456', {
      token,
    });

    expect(response.status).toBe(404);
    expect(isErrorEnvelope(response.body, 'NOT_FOUND')).toBe(true);
  });

  it.each([
    ['an unknown route', 'GET', '/contacts/avatar'],
    ['the root with a method the console does not serve', 'POST', '/'],
    ['a wrong method', 'POST', '/contacts/profile'],
  ])('returns 404 NOT_FOUND for %s', async (_case, method, path) => {
    const response = await callApi(stack.url, path, { token, method });

    // API Gateway answers these itself (no function runs): the timestamp is its request time.
    expect(response.status).toBe(404);
    expect(isGatewayErrorEnvelope(response.body, 'NOT_FOUND')).toBe(true);
  });

  it('returns 404 NOT_FOUND, from the console function, for a console file that does not exist', async () => {
    const response = await callApi(stack.url, '/console/missing.js', { token });

    // The console's own route: its function answers, with the envelope's ISO timestamp.
    expect(response.status).toBe(404);
    expect(isErrorEnvelope(response.body, 'NOT_FOUND')).toBe(true);
  });

  it('returns 503 SESSION_UNAVAILABLE on a miss while the worker is stopped, and recovers', async () => {
    await stack.stopWorker();
    const path = '/contacts/profile?jid=123456789012345%40lid';

    const stopped = await callApi(stack.url, path, { token });
    await stack.startWorker();
    const restarted = await callApi(stack.url, path, { token });

    expect(stopped.status).toBe(503);
    expect(isErrorEnvelope(stopped.body, 'SESSION_UNAVAILABLE')).toBe(true);
    expect(restarted.status).toBe(200);
    expect(restarted.body.data.jid).toBe('123456789012345@lid');
  });

  it('never shares one user’s cache with another user', async () => {
    const { token: other } = await createApiToken(tokens, { tenantId: 'acme', userId: 'carol' });
    await callApi(stack.url, SEED_PATH, { token });

    const response = await callApi(stack.url, SEED_PATH, { token: other });

    expect(response.status).toBe(200);
    expect(response.headers.get('x-cache')).toBe('MISS');
  });
});
