import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiToken } from '../../functions/domain/token/api-token.ts';
import { TENANT_ITEM_KEY_PREFIX } from '../../functions/resources/tenant-usage-plan.ts';
import { type ApiResponse, callApi } from '../support/http/api-client.ts';
import { startLoggedDriver } from '../support/security/logged-driver.ts';

/**
 * Tokens, phone numbers and JIDs are personal data. A full run of requests against the local
 * stack with every log line on (DEBUG, the handlers and the worker), then: tokens exist at rest
 * only as hashes, no response ever echoes a token, and the captured logs hold no token and no
 * full phone number or JID, only their masked forms.
 */

interface Ready {
  url: string;
  dynamoDbEndpoint: string;
  tables: string[];
  tokensTable: string;
  tokens: { alice: string; bob: string; revoked: string };
}

const DRIVER = new URL('../support/security/logged-local-stack.ts', import.meta.url).pathname;
const UNKNOWN_TOKEN = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
/** Every full number and JID user part the run looks up. */
const PERSONAL_NUMBERS = ['5511999999999', '14155550123', '447911123456', '123456789012345'];

/** A token in every spelling a leak could take: as sent, upper case, without dashes. */
function spellings(token: string): string[] {
  return [
    token,
    token.toUpperCase(),
    token.replaceAll('-', ''),
    token.toUpperCase().replaceAll('-', ''),
  ];
}

describe('personal data at rest, in responses and in logs (local stack, DEBUG logs)', () => {
  let driver: Awaited<ReturnType<typeof startLoggedDriver<Ready>>> | undefined;
  let ready: Ready;
  const responses: ApiResponse[] = [];
  let allTokens: string[];

  async function get(path: string, options: Parameters<typeof callApi>[2] = {}) {
    const response = await callApi(ready.url, path, options);
    responses.push(response);
    return response;
  }

  beforeAll(async () => {
    driver = await startLoggedDriver<Ready>(DRIVER);
    ready = driver.ready;
    const { alice, bob, revoked } = ready.tokens;
    allTokens = [alice, bob, revoked, UNKNOWN_TOKEN];

    // A full run: every status the contract knows, tokens where they do not belong.
    const seed = await get('/contacts/profile?jid=5511999999999%40s.whatsapp.net', {
      token: alice,
    });
    await get('/contacts/profile?jid=5511999999999%40s.whatsapp.net', { token: alice });
    await get('/contacts/profile?jid=5511999999999%40s.whatsapp.net', {
      token: alice,
      headers: { 'If-None-Match': seed.headers.get('etag') ?? '' },
    });
    await get('/contacts/profile?number=%2B1%20415%20555%200123', { token: alice });
    await get('/contacts/profile?number=%2B1%20415%20555%200123&refresh=true', { token: bob });
    await get('/contacts/profile?jid=123456789012345%40lid', { token: bob });
    await get('/contacts/profile?number=%2B447911123456', { token: alice });
    await get('/contacts/profile?jid=447911123456%40s.whatsapp.net', { token: alice });
    await get('/contacts/profile?jid=120363025246125486%40g.us', { token: alice });
    await get('/contacts/profile?jid=5511999999999%40s.whatsapp.net&jid=14155550123%40c.us', {
      token: alice,
    });
    await get('/contacts/profile?number=5511999999999x', { token: alice });
    await get('/contacts/avatar', { token: alice });
    await get('/contacts/profile', { token: alice, method: 'POST' });
    for (const where of ['jid', 'number', 'refresh', 'jid=1%40lid&number']) {
      await get(`/contacts/profile?${where}=${alice}`, { token: alice });
    }
    for (const authorization of [
      `Bearer ${UNKNOWN_TOKEN}`,
      `Bearer ${alice}x`,
      `Bearer ${alice} extra`,
      `Basic ${alice}`,
      `Token ${alice}`,
      `Bearer ${revoked}`,
      `Bearer ${revoked.toUpperCase()}`,
      alice,
      '',
    ]) {
      await get('/contacts/profile?jid=5511999999999%40s.whatsapp.net', { authorization });
    }
    await get('/contacts/profile?jid=5511999999999%40s.whatsapp.net', {
      token: alice,
      headers: { 'If-None-Match': `"${alice}"`, 'X-Api-Key': alice },
    });
  });

  afterAll(async () => {
    await driver?.stop();
  });

  it('runs the full set of requests through every outcome', () => {
    const statuses = new Set(responses.map((response) => response.status));

    expect([...statuses].sort()).toEqual([200, 304, 400, 401, 404]);
  });

  it('never echoes a token in any response', () => {
    for (const response of responses) {
      for (const token of allTokens) {
        for (const spelling of spellings(token)) expect(response.text).not.toContain(spelling);
      }
    }
  });

  it('stores tokens only as their SHA-256 hashes (and tenant items, one per tenant)', async () => {
    const dynamoDb = new DynamoDBClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      endpoint: ready.dynamoDbEndpoint,
    });
    try {
      const tables = await Promise.all(
        ready.tables.map(async (table) => ({
          table,
          items: (await dynamoDb.send(new ScanCommand({ TableName: table }))).Items ?? [],
        })),
      );
      // Beside the tokens, the table holds one tenant item per tenant (its usage key).
      const tokenItems = (
        tables.find((entry) => entry.table === ready.tokensTable)?.items ?? []
      ).filter((item) => !item.tokenHash?.S?.startsWith(TENANT_ITEM_KEY_PREFIX));
      const everything = JSON.stringify(tables);

      expect(tokenItems.map((item) => item.tokenHash?.S).sort()).toEqual(
        [ready.tokens.alice, ready.tokens.bob, ready.tokens.revoked].map(hashApiToken).sort(),
      );
      const tenantItems = (tables.find((entry) => entry.table === ready.tokensTable)?.items ?? [])
        .filter((item) => item.tokenHash?.S?.startsWith(TENANT_ITEM_KEY_PREFIX))
        .map((item) => item.tokenHash?.S);
      expect(tenantItems.sort()).toEqual(['tenant#acme', 'tenant#globex']);
      expect(everything).toContain('"data"'); // the cache table was scanned, not empty
      for (const token of allTokens) {
        for (const spelling of spellings(token)) expect(everything).not.toContain(spelling);
      }
    } finally {
      dynamoDb.destroy();
    }
  });

  it('logs no token and no full phone number or JID, only masked forms', async () => {
    await driver?.stop();
    const output = driver?.output() ?? '';
    const lines = output.split('\n').filter((line) => line.trim() !== '');

    // The logs were on and captured from both processes, with the contacts masked.
    expect(lines.length).toBeGreaterThan(20);
    expect(output).toContain('"service":"contact-profile"');
    expect(output).toContain('"service":"session-worker"');
    expect(output).toContain('55*********99@s.whatsapp.net');
    expect(output).toContain('14*******23');
    for (const token of allTokens) {
      for (const spelling of spellings(token)) expect(output).not.toContain(spelling);
    }
    for (const digits of PERSONAL_NUMBERS) expect(output).not.toContain(digits);
  });
});
