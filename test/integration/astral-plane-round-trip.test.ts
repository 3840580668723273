import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../functions/local/local-stack.ts';
import { DEMO_DIRECTORY_FILE } from '../../functions/whatsapp/offline-directory.ts';
import { callApi } from '../support/api-client.ts';
import { startLocalStackWithToken } from '../support/local-stack-with-token.ts';

/** Characters outside the Basic Multilingual Plane, common in WhatsApp statuses. */
const ASTRAL = ' 🍞🌮🎉';
const BUSINESS_JID = '14155550123@s.whatsapp.net';

/** Appends astral-plane text to every free-text field; JIDs and digit strings stay valid. */
function withAstralText(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.includes('@') || /^\d*$/.test(value) ? value : `${value}${ASTRAL}`;
  }
  if (Array.isArray(value)) return value.map(withAstralText);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, withAstralText(entry)]),
    );
  }
  return value;
}

describe('astral-plane text through the local stack (worker reply over fauxqs)', () => {
  let stack: LocalStack;
  let token: string;
  let expected: { user_info: Record<string, unknown>; business_profile: Record<string, unknown> };

  beforeAll(async () => {
    const demo = JSON.parse(readFileSync(DEMO_DIRECTORY_FILE, 'utf8')) as { jid: string }[];
    const business = demo.find((entry) => entry.jid === BUSINESS_JID);
    const entry = withAstralText(business) as typeof expected & { profile_picture?: unknown };
    // The directory entry's picture is GET /contacts/profile-picture's; the profile never has it.
    const { profile_picture: _picture, ...profile } = entry;
    expected = profile;
    const directoryFile = path.join(mkdtempSync(path.join(tmpdir(), 'astral-')), 'directory.json');
    writeFileSync(directoryFile, JSON.stringify([entry]));
    ({ stack, token } = await startLocalStackWithToken({
      WA_DIRECTORY_FILE: directoryFile,
      LIVE_LOOKUP_DEADLINE_MS: '5000',
    }));
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('answers the first (live) request with every emoji intact, then the same from the cache', async () => {
    // act
    const live = await callApi(
      stack.url,
      `/contacts/profile?jid=${encodeURIComponent(BUSINESS_JID)}`,
      {
        token,
      },
    );
    const cached = await callApi(
      stack.url,
      `/contacts/profile?jid=${encodeURIComponent(BUSINESS_JID)}`,
      {
        token,
      },
    );

    // assert
    expect(live.status).toBe(200);
    expect(live.headers.get('x-cache')).toBe('MISS');
    expect(live.body.data).toEqual(expected);
    expect(live.body.data.user_info.Status).toContain('🎉');
    expect(live.body.data.business_profile.Description).toContain('🍞');
    expect(live.body.data.business_profile.Categories[0].Name).toContain('🌮');
    expect(cached.headers.get('x-cache')).toBe('HIT');
    expect(cached.body).toEqual(live.body);
  });
});
