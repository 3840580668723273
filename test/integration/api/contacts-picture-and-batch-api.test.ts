import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbTokenStore } from '../../../functions/adapters/dynamodb-token-store.ts';
import { createApiToken } from '../../../functions/cli/api-token-commands.ts';
import { type LocalStack, startLocalStack } from '../../../functions/local/local-stack.ts';
import { SEED_PROFILE } from '../../support/contacts/seed-profile.ts';
import { callApi, isErrorEnvelope } from '../../support/http/api-client.ts';

/**
 * A URL is served while more than a minute of it is left: this one for about 15 seconds after
 * the directory is written, time enough for the stack to start and the tests before it to run
 * on a busy machine.
 */
const SHORT_LIVED_SECONDS = 75;

function directoryEntry(user: string, picture: object | null) {
  return {
    ...SEED_PROFILE,
    jid: `${user}@s.whatsapp.net`,
    user_info: { ...SEED_PROFILE.user_info, Devices: [`${user}@s.whatsapp.net`] },
    profile_picture: picture,
  };
}

function pictureFor(user: string, id: string, expiresAtSeconds: number) {
  const query = `ccb=11-4&oh=01_x&oe=${expiresAtSeconds.toString(16).toUpperCase()}&_nc_sid=5e03e0`;
  return {
    url: `https://pps.whatsapp.net/v/t61.24694-24/${user}_${id}_n.jpg?${query}`,
    id,
    type: 'image',
    direct_path: `/v/t61.24694-24/${user}_${id}_n.jpg?${query}`,
  };
}

describe('GET /contacts/profile-picture and POST /contacts/profiles on the local stack', () => {
  let stack: LocalStack;
  let token: string;
  let folder: string;
  /** When the short-lived picture stops being served (epoch ms). */
  let shortLivedServedUntilMs: number;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'picture-batch-'));
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    const soon = Math.floor(Date.now() / 1000) + SHORT_LIVED_SECONDS;
    shortLivedServedUntilMs = (soon - 60) * 1000;
    const directory = [
      directoryEntry('5511900000001', pictureFor('5511900000001', '1718000001', inAnHour)),
      directoryEntry('5511900000002', pictureFor('5511900000002', '1718000002', soon)),
      directoryEntry('5511900000003', null),
      ...Array.from({ length: 6 }, (_, index) => directoryEntry(`551190000010${index}`, null)),
    ];
    const file = join(folder, 'directory.json');
    await writeFile(file, JSON.stringify(directory));
    stack = await startLocalStack({
      port: 0,
      workerOutput: 'ignore',
      environment: { LIVE_LOOKUP_DEADLINE_MS: '5000', WA_DIRECTORY_FILE: file },
    });
    const tokens = new DynamoDbTokenStore({
      client: stack.dynamoDb,
      tableName: stack.resources.tokensTableName,
    });
    ({ token } = await createApiToken(tokens, { tenantId: 'acme', userId: 'alice' }));
  });

  afterAll(async () => {
    await stack?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('answers the picture, then from the cache, and 304 for the same picture id', async () => {
    const path = '/contacts/profile-picture?number=%2B55%2011%2090000-0001';
    const first = await callApi(stack.url, path, { token });

    const second = await callApi(stack.url, path, { token });
    const conditional = await callApi(stack.url, path, {
      token,
      headers: { 'If-None-Match': '"1718000001"' },
    });

    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      success: true,
      data: {
        jid: '5511900000001@s.whatsapp.net',
        picture: expect.objectContaining({ id: '1718000001', type: 'image' }),
      },
    });
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.headers.get('etag')).toBe('"1718000001"');
    expect(conditional.status).toBe(304);
  });

  it('answers picture null with visibility not_set for a contact without one', async () => {
    const response = await callApi(
      stack.url,
      '/contacts/profile-picture?jid=5511900000003%40s.whatsapp.net',
      { token },
    );

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({
      jid: '5511900000003@s.whatsapp.net',
      picture: null,
      visibility: 'not_set',
    });
  });

  it('never serves a cached picture past its URL expiry', { timeout: 30_000 }, async () => {
    const path = '/contacts/profile-picture?jid=5511900000002%40s.whatsapp.net';
    const first = await callApi(stack.url, path, { token });
    const cached = await callApi(stack.url, path, { token });

    const servedForMs = shortLivedServedUntilMs - Date.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, servedForMs) + 500));
    const afterExpiry = await callApi(stack.url, path, { token });

    expect(servedForMs).toBeGreaterThan(0);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(cached.headers.get('x-cache')).toBe('HIT');
    expect(
      Number(/max-age=(\d+)/.exec(cached.headers.get('cache-control') ?? '')?.[1]),
    ).toBeLessThanOrEqual(SHORT_LIVED_SECONDS - 60);
    expect(afterExpiry.headers.get('x-cache')).toBe('MISS');
  });

  it('returns 404 NOT_FOUND for the picture of a number not on WhatsApp', async () => {
    const response = await callApi(stack.url, '/contacts/profile-picture?number=5511977776666', {
      token,
    });

    expect(response.status).toBe(404);
    expect(isErrorEnvelope(response.body, 'NOT_FOUND')).toBe(true);
  });

  it('answers a batch mixing a hit, misses, an invalid item and an unknown number, in order', async () => {
    await callApi(stack.url, '/contacts/profile?jid=5511900000100%40s.whatsapp.net', { token });

    const response = await callApi(stack.url, '/contacts/profiles', {
      token,
      method: 'POST',
      body: JSON.stringify({
        contacts: [
          { jid: '5511900000100@s.whatsapp.net' },
          { number: '+55 11 90000-0101' },
          { jid: '120363000000000000@g.us' },
          { number: '5511977776666' },
          { jid: '5511900000102@s.whatsapp.net' },
        ],
      }),
    });

    expect(response.status).toBe(200);
    expect(response.body.success).toBe(true);
    const items = response.body.data;
    expect(items).toHaveLength(5);
    expect(items[0]).toMatchObject({
      success: true,
      data: { jid: '5511900000100@s.whatsapp.net' },
    });
    expect(items[1]).toMatchObject({
      success: true,
      data: { jid: '5511900000101@s.whatsapp.net' },
    });
    expect(isErrorEnvelope(items[2], 'VALIDATION_ERROR')).toBe(true);
    expect(isErrorEnvelope(items[3], 'NOT_FOUND')).toBe(true);
    expect(items[4]).toMatchObject({
      success: true,
      data: { jid: '5511900000102@s.whatsapp.net' },
    });
    // Each success item is exactly the single lookup's body.
    const single = await callApi(stack.url, '/contacts/profile?number=5511900000101', { token });
    expect(items[1]).toEqual(single.body);
  });

  it.each([
    ['an empty list', '{"contacts":[]}'],
    ['a body that is not JSON', 'contacts'],
    ['an item with neither jid nor number', '{"contacts":[{"jid":""}]}'],
    [
      'more than 50 contacts',
      JSON.stringify({ contacts: Array.from({ length: 51 }, () => ({ number: '5511900000101' })) }),
    ],
  ])('returns 400 VALIDATION_ERROR for %s', async (_case, body) => {
    const response = await callApi(stack.url, '/contacts/profiles', {
      token,
      method: 'POST',
      body,
    });

    expect(response.status).toBe(400);
    expect(isErrorEnvelope(response.body, 'VALIDATION_ERROR')).toBe(true);
  });

  it('returns 401 for a batch without a token', async () => {
    const response = await callApi(stack.url, '/contacts/profiles', {
      method: 'POST',
      body: '{"contacts":[{"number":"5511900000101"}]}',
    });

    expect(response.status).toBe(401);
    expect(isErrorEnvelope(response.body, 'UNAUTHORIZED')).toBe(true);
  });

  it('answers a batch by direct invocation, as a Step Functions task would', async () => {
    const result = await stack.invokeProfile({
      tenantId: 'acme',
      userId: 'alice',
      contacts: [{ number: '5511900000103' }, { number: '5511977776666' }],
    });

    expect(result).toMatchObject({
      success: true,
      data: [
        { success: true, data: { jid: '5511900000103@s.whatsapp.net' } },
        { success: false, error_code: 'NOT_FOUND' },
      ],
    });
  });
});
