import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../functions/local/local-stack.ts';
import { callApi } from '../support/http/api-client.ts';
import { startLocalStackWithToken } from '../support/local-stack/local-stack-with-token.ts';

/**
 * A directory written in whatsmeow's shapes (as a whatsmeow-based gateway would export it):
 * a business with a verified-name certificate whose serial is above 2^53, astral-plane emoji,
 * hours as strings with "" for absent ones, an option without text, and a contact's LID.
 */
const BUSINESS = {
  jid: '5491123456789@s.whatsapp.net',
  user_info: {
    Status: 'Medialunas recién horneadas 🥐🧉',
    PictureID: '1729000000',
    Devices: ['5491123456789@s.whatsapp.net', '5491123456789:7@s.whatsapp.net'],
    VerifiedName: {
      Certificate: {
        details:
          'CJGRxayEqoSB5AESBnNtYjp3YSILQWNtZSBCYWtlcnlCHgoCZXMSAlVTGhRQYW5hZGVyw61hIEFjbWUg8J+lkFDA0sW2Bg==',
        signature:
          'WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWg==',
      },
      Details: {
        serial: '16429713427063195793',
        issuer: 'smb:wa',
        verifiedName: 'Acme Bakery',
        localizedNames: [{ lg: 'es', lc: 'US', verifiedName: 'Panadería Acme 🥐' }],
        issueTime: '1725000000',
      },
    },
    LID: '98765432109876@lid',
  },
  business_profile: {
    JID: '5491123456789@s.whatsapp.net',
    Address: 'Av. Corrientes 1234, CABA',
    Email: 'hola@acme.example',
    Categories: [{ ID: '1223524174334504', Name: 'Bakery' }],
    ProfileOptions: { commerce_experience: 'catalog', bot_fields: '' },
    BusinessHoursTimeZone: 'America/Argentina/Buenos_Aires',
    BusinessHours: [
      { DayOfWeek: 'mon', Mode: 'specific_hours', OpenTime: '420', CloseTime: '1140' },
      { DayOfWeek: 'sun', Mode: 'open_24h', OpenTime: '', CloseTime: '' },
    ],
    Description: 'Pan y facturas 🍞',
    Website: ['https://acme.example'],
  },
};

const MEXICO = {
  jid: '5215512345678@s.whatsapp.net',
  user_info: {
    Status: 'Tacos al pastor, señor',
    PictureID: '',
    Devices: ['5215512345678@s.whatsapp.net'],
    VerifiedName: null,
  },
  business_profile: null,
};

describe('npm start with a directory file in whatsmeow shapes', () => {
  let stack: LocalStack;
  let token: string;
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'whatsmeow-directory-'));
    const file = join(folder, 'directory.json');
    await writeFile(file, JSON.stringify([BUSINESS, MEXICO]));
    ({ stack, token } = await startLocalStackWithToken(
      { WA_DIRECTORY_FILE: file, LIVE_LOOKUP_DEADLINE_MS: '3000' },
      { tenantId: 'acme', userId: 'whatsmeow' },
    ));
  });

  afterAll(async () => {
    await stack?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('serves the business entry back exactly, 64-bit serial and emoji included', async () => {
    const first = await callApi(stack.url, '/contacts/profile?number=%2B54%209%2011%202345-6789', {
      token,
    });
    const cached = await callApi(
      stack.url,
      '/contacts/profile?jid=5491123456789%40s.whatsapp.net',
      {
        token,
      },
    );

    expect(first.status).toBe(200);
    expect(first.body).toEqual({ success: true, data: BUSINESS });
    expect(first.text).toContain('"serial":"16429713427063195793"');
    expect(cached.headers.get('x-cache')).toBe('HIT');
    expect(cached.body).toEqual({ success: true, data: BUSINESS });
  });

  it('resolves a Mexican +52 1 number to the 521 entry instead of refusing it', async () => {
    const response = await callApi(
      stack.url,
      '/contacts/profile?number=%2B52%201%2055%201234%205678',
      {
        token,
      },
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ success: true, data: MEXICO });
  });

  it('answers 404 for a valid number that is not in the directory', async () => {
    const response = await callApi(stack.url, '/contacts/profile?number=%2B55%2011%208765-4321', {
      token,
    });

    expect(response.status).toBe(404);
    expect(response.body.error_code).toBe('NOT_FOUND');
  });
});
