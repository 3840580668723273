import { readdirSync, readFileSync } from 'node:fs';
import type { BinaryNode } from 'baileys';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBusinessProfileQuery } from '../../../functions/whatsapp/business-profile-query.ts';
import {
  buildContactLookupBatchQuery,
  buildContactLookupQuery,
} from '../../../functions/whatsapp/contact-lookup-query.ts';
import { buildLogoutQuery } from '../../../functions/whatsapp/logout-query.ts';
import { buildPairingCodeRequest } from '../../../functions/whatsapp/pairing-code-query.ts';
import { buildProfilePictureQuery } from '../../../functions/whatsapp/profile-picture-query.ts';
import {
  buildUserInfoBatchQuery,
  buildUserInfoQuery,
} from '../../../functions/whatsapp/user-info-query.ts';
import { useSessionsTable } from '../../support/aws/sessions-table.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';
import {
  startWhatsAppServerStandIn,
  trustTestRootKey,
} from '../../support/whatsapp/server-stand-in.ts';
import {
  linkedSessionOnStandIn,
  standInBackend,
} from '../../support/whatsapp/stand-in-directory.ts';
import {
  POST_LOGIN_KINDS,
  STANZA_KINDS,
  stanzaKind,
} from '../../support/whatsapp/stand-in-replies.ts';

/**
 * The rule that keeps the WhatsApp doubles honest: every stanza the worker can build has an
 * answer on the stand-in (success, and the scripted errors of stand-in-error-replies.test.ts).
 * A new builder without a sample here fails the first test; one whose stanza the stand-in does
 * not know fails the second. The IQs Baileys sends by itself are read off a real session: one
 * the stand-in does not know, or that has no error cases (POST_LOGIN_KINDS, driven by
 * stand-in-post-login-replies.test.ts), fails the third.
 */
describe('the stand-in answers every stanza the worker builds', () => {
  const JID = '5511987654321@s.whatsapp.net';
  /** One call of each stanza builder in functions/whatsapp/ (buildUsyncIq: through the others). */
  const samples: Record<string, () => BinaryNode> = {
    buildContactLookupQuery: () => buildContactLookupQuery('5511987654321', 's1'),
    buildContactLookupBatchQuery: () => buildContactLookupBatchQuery(['5511987654321'], 's2'),
    buildUserInfoQuery: () => buildUserInfoQuery(JID, 's3'),
    buildUserInfoBatchQuery: () => buildUserInfoBatchQuery([{ jid: JID }], 's4'),
    buildBusinessProfileQuery: () => buildBusinessProfileQuery(JID),
    buildProfilePictureQuery: () => buildProfilePictureQuery(JID, { type: 'image' }),
    buildLogoutQuery: () => buildLogoutQuery(`5511987654321:3@s.whatsapp.net`),
    buildPairingCodeRequest: () => buildPairingCodeRequest(JID, Buffer.alloc(80), Buffer.alloc(32)),
  };
  const SHARED_PARTS = new Set(['buildUsyncIq']);

  it('has a sample of every builder exported by functions/whatsapp/', async () => {
    const folder = new URL('../../../functions/whatsapp/', import.meta.url);
    const builders: string[] = [];
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, folder), 'utf8');
      for (const match of source.matchAll(/^export function (build\w+)\(/gm)) {
        if (match[1] && !SHARED_PARTS.has(match[1])) builders.push(match[1]);
      }
    }

    expect(builders.sort()).toEqual(Object.keys(samples).sort());
  });

  it.each(Object.keys(samples))('knows what %s sends and answers it', (builder) => {
    const node = samples[builder]?.();

    expect(node && stanzaKind(node)).toBeDefined();
    expect(STANZA_KINDS).toContain(node && stanzaKind(node));
  });
});

describe('the stand-in answers every IQ Baileys sends by itself after login', () => {
  const table = useSessionsTable();
  const stops: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  it('knows each one, and each one has its error cases', async () => {
    // Few pre-keys left (so Baileys uploads) and a short keep-alive (so it pings).
    const whatsApp = await startWhatsAppServerStandIn({ preKeysOnServer: 3 });
    const untrust = trustTestRootKey(whatsApp.rootPublicKey);
    const { directory } = standInBackend(table, whatsApp, {
      logger: silentLogger(),
      environment: { WA_KEEPALIVE_INTERVAL_MS: '200' },
    });
    stops.push(
      untrust,
      () => whatsApp.stop(),
      () => directory.close(),
    );
    const { identity, companion } = await linkedSessionOnStandIn(table, whatsApp);
    const contact = { kind: 'jid', jid: '5521987650000@s.whatsapp.net' } as const;

    await directory.lookup(identity, contact, AbortSignal.timeout(10_000));
    const iqs = () => whatsApp.receivedFrom(companion).filter((node) => node.tag === 'iq');
    await whatsApp.waitUntil(() => iqs().some((node) => stanzaKind(node) === 'ping'));
    const sentByBaileys = iqs()
      .filter((node) => node.attrs.type !== 'result')
      .map((node) => stanzaKind(node) ?? `unknown ${node.attrs.xmlns}`)
      .filter((kind) => kind !== 'user-info' && kind !== 'business-profile');

    expect([...new Set(sentByBaileys)].sort()).toEqual([...POST_LOGIN_KINDS].sort());
  });
});
