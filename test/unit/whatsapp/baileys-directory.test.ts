import { EventEmitter } from 'node:events';
import type { WASocket } from 'baileys';
import { describe, expect, it } from 'vitest';
import type { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import type { ContactQuery } from '../../../functions/domain/contact/contact-query.ts';
import { parseEnvironment } from '../../../functions/platform/parse-environment.ts';
import { AccountHealth } from '../../../functions/whatsapp/account-health.ts';
import { BaileysDirectory } from '../../../functions/whatsapp/baileys-directory.ts';
import { baileysEnvironmentShape } from '../../../functions/whatsapp/baileys-directory-config.ts';
import { childNode, nodeBytes } from '../../../functions/whatsapp/binary-node.ts';
import type { SessionManager } from '../../../functions/whatsapp/session-manager.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';
import { fakeWhatsApp } from '../../support/whatsapp/fake-whatsapp.ts';

const IDENTITY = { tenantId: 'acme', userId: 'user-1' };
const OWN_JID = '5511900000000@s.whatsapp.net';

/** A Baileys directory over one open fake socket, with the given budget. */
function directoryOver(whatsapp: ReturnType<typeof fakeWhatsApp>, burst: number) {
  let tag = 0;
  const socket = {
    query: whatsapp.transport.query,
    ws: new EventEmitter(),
    generateMessageTag: () => `tag-${++tag}`,
    authState: {
      creds: { me: { id: '5511900000000:7@s.whatsapp.net' } },
      keys: {
        get: async (type: string, ids: string[]) =>
          type === 'tctoken'
            ? Object.fromEntries(
                ids.map((id) => [
                  id,
                  {
                    token: Buffer.from(`token-of-${id}`),
                    timestamp: `${Math.floor(Date.now() / 1000)}`,
                  },
                ]),
              )
            : {},
      },
    },
    signalRepository: { lidMapping: { storeLIDPNMappings: async () => undefined } },
  } as unknown as WASocket;
  const statusStore = { restrict: async () => undefined, endTimelock: async () => undefined };
  const health = new AccountHealth({ identity: IDENTITY, statusStore, logger: silentLogger() });
  const sessions = {
    session: async () => ({ waitUntilOpen: async () => socket, health }),
  } as unknown as SessionManager;
  const config = parseEnvironment(baileysEnvironmentShape, {
    WA_LIVE_LOOKUP_BURST: String(burst),
    WA_LIVE_LOOKUP_PER_MINUTE: '1',
  });
  return new BaileysDirectory({ config, sessions, statuses: {} as SessionStatusStore });
}

const jidContact = (n: number): ContactQuery => ({
  kind: 'jid',
  jid: `1415555${String(1000 + n)}@s.whatsapp.net`,
});

describe('BaileysDirectory.lookupMany', () => {
  it('answers the contacts the budget allows and RATE_LIMITED for the rest, in order', async () => {
    const contacts = Array.from({ length: 12 }, (_, i) => jidContact(i));
    const whatsapp = fakeWhatsApp({
      users: new Set(contacts.map((c) => (c.kind === 'jid' ? (c.jid.split('@')[0] ?? '') : ''))),
    });
    const directory = directoryOver(whatsapp, 10);

    const items = await directory.lookupMany(IDENTITY, contacts, new AbortController().signal);

    expect(items.slice(0, 10).every((item) => item.ok)).toBe(true);
    for (const item of items.slice(10)) {
      expect(item.ok).toBe(false);
      expect(item.ok ? undefined : item.error.errorCode).toBe('RATE_LIMITED');
    }
    // The contacts beyond the budget are never asked about.
    expect(whatsapp.usyncs()).toHaveLength(1);
    expect(whatsapp.sent.filter((node) => node.attrs.xmlns === 'w:biz')).toHaveLength(10);
  });

  it('spends the budget of later single lookups: the batch counted each contact', async () => {
    const contacts = Array.from({ length: 3 }, (_, i) => jidContact(i));
    const whatsapp = fakeWhatsApp({
      users: new Set(['14155551000', '14155551001', '14155551002']),
    });
    const directory = directoryOver(whatsapp, 3);
    await directory.lookupMany(IDENTITY, contacts, new AbortController().signal);

    const single = directory.lookup(IDENTITY, jidContact(0), new AbortController().signal);

    await expect(single).rejects.toMatchObject({ errorCode: 'RATE_LIMITED' });
  });
});

describe('BaileysDirectory.lookupPicture', () => {
  it('sends one picture IQ with the privacy token and answers the picture', async () => {
    const whatsapp = fakeWhatsApp({ users: new Set(['14155551000']) });
    const directory = directoryOver(whatsapp, 5);

    const answer = await directory.lookupPicture(
      IDENTITY,
      jidContact(0),
      { type: 'image' },
      new AbortController().signal,
    );

    expect(answer).toMatchObject({
      jid: '14155551000@s.whatsapp.net',
      picture: { id: '1718000000' },
    });
    const [iq] = whatsapp.sent;
    expect(iq?.attrs).toMatchObject({
      xmlns: 'w:profile:picture',
      target: '14155551000@s.whatsapp.net',
    });
    const token = nodeBytes(childNode(childNode(iq, 'picture'), 'tctoken'));
    expect(Buffer.from(token ?? []).toString()).toBe('token-of-14155551000@s.whatsapp.net');
  });

  it('resolves a number with the contact lookup before asking for the picture', async () => {
    const whatsapp = fakeWhatsApp({ users: new Set(['5511987654321']) });
    const directory = directoryOver(whatsapp, 5);

    const answer = await directory.lookupPicture(
      IDENTITY,
      { kind: 'number', digits: '5511987654321' },
      { type: 'preview' },
      new AbortController().signal,
    );

    expect(answer.jid).toBe('5511987654321@s.whatsapp.net');
    expect(whatsapp.sent.map((node) => node.attrs.xmlns)).toEqual(['usync', 'w:profile:picture']);
  });

  it('fails a number not on WhatsApp with NOT_FOUND and sends no picture IQ', async () => {
    const whatsapp = fakeWhatsApp({ users: new Set() });
    const directory = directoryOver(whatsapp, 5);

    const answer = directory.lookupPicture(
      IDENTITY,
      { kind: 'number', digits: '5511900000404' },
      { type: 'image' },
      new AbortController().signal,
    );

    await expect(answer).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
    expect(whatsapp.sent.map((node) => node.attrs.xmlns)).toEqual(['usync']);
  });

  it('sends no privacy token when asking about the session itself', async () => {
    const whatsapp = fakeWhatsApp({ users: new Set() });
    const directory = directoryOver(whatsapp, 5);

    await directory.lookupPicture(
      IDENTITY,
      { kind: 'jid', jid: OWN_JID },
      { type: 'image' },
      new AbortController().signal,
    );

    expect(childNode(childNode(whatsapp.sent[0], 'picture'), 'tctoken')).toBeUndefined();
  });

  it('shares one picture IQ between concurrent lookups of the same contact', async () => {
    const whatsapp = fakeWhatsApp({ users: new Set() });
    const directory = directoryOver(whatsapp, 5);
    const signal = new AbortController().signal;

    await Promise.all([
      directory.lookupPicture(IDENTITY, jidContact(0), { type: 'image' }, signal),
      directory.lookupPicture(IDENTITY, jidContact(0), { type: 'image' }, signal),
    ]);

    expect(whatsapp.sent).toHaveLength(1);
  });

  it('takes one unit of the live-lookup budget per picture lookup', async () => {
    const whatsapp = fakeWhatsApp({ users: new Set() });
    const directory = directoryOver(whatsapp, 1);
    const signal = new AbortController().signal;
    await directory.lookupPicture(IDENTITY, jidContact(0), { type: 'image' }, signal);

    const second = directory.lookupPicture(IDENTITY, jidContact(1), { type: 'image' }, signal);

    await expect(second).rejects.toMatchObject({ errorCode: 'RATE_LIMITED' });
  });
});
