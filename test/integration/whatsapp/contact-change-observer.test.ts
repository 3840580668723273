import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ContactChange } from '../../../functions/domain/contact/contact-change.ts';
import type { SessionIdentity } from '../../../functions/domain/session/session-identity.ts';
import type { BaileysDirectory } from '../../../functions/whatsapp/baileys-directory.ts';
import { useSessionsTable } from '../../support/aws/sessions-table.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';
import {
  startWhatsAppServerStandIn,
  trustTestRootKey,
  type WhatsAppServerStandIn,
} from '../../support/whatsapp/server-stand-in.ts';
import {
  aboutChanged,
  acksFor,
  deviceListChanged,
  messageWithVerifiedName,
  pictureChanged,
  pushToCompanion,
} from '../../support/whatsapp/stand-in-contact-changes.ts';
import {
  linkedSessionOnStandIn,
  standInBackend,
} from '../../support/whatsapp/stand-in-directory.ts';

/**
 * The observer on a session's real Baileys socket, the stand-in pushing what WhatsApp pushes:
 * each change reaches the listener once, Baileys still acknowledges each stanza once, and what
 * is not a contact change (or does not parse) reaches nobody.
 */

const table = useSessionsTable();
const logger = silentLogger();
let whatsApp: WhatsAppServerStandIn;
let untrust: () => void;
let directory: BaileysDirectory;
const heard: Array<{ identity: SessionIdentity; change: ContactChange }> = [];
let seq = 0;

beforeAll(async () => {
  whatsApp = await startWhatsAppServerStandIn();
  untrust = trustTestRootKey(whatsApp.rootPublicKey);
  ({ directory } = standInBackend(table, whatsApp, {
    logger,
    contactChanges: {
      contactChanged: async (identity, change) => {
        heard.push({ identity, change });
      },
    },
  }));
});
afterAll(async () => {
  await whatsApp?.stop();
  await directory?.close();
  untrust?.();
});

const contactJid = () => `55319${String(80_000_000 + ++seq)}@s.whatsapp.net`;

/** A served session whose socket is open (a lookup went through it). */
async function servedSession() {
  const linked = await linkedSessionOnStandIn(table, whatsApp);
  await directory.lookup(
    linked.identity,
    { kind: 'jid', jid: contactJid() },
    AbortSignal.timeout(10_000),
  );
  return linked;
}

const heardAbout = (jid: string) => heard.filter((entry) => entry.change.jids.includes(jid));

describe('observeContactChanges on a served session', () => {
  it('hands over picture, about text and device-list changes, each acknowledged once by Baileys', async () => {
    // prepare
    const linked = await servedSession();
    const [pictured, removed, about, devices] = [
      contactJid(),
      contactJid(),
      contactJid(),
      contactJid(),
    ];

    // act
    const ids = [
      pushToCompanion(whatsApp, linked.companion, pictureChanged(pictured, '1700000555')),
      pushToCompanion(whatsApp, linked.companion, pictureChanged(removed, null)),
      pushToCompanion(whatsApp, linked.companion, aboutChanged(about, 'On holiday 🎣')),
      pushToCompanion(whatsApp, linked.companion, deviceListChanged(devices, 'add', 4, '8812@lid')),
    ];
    await whatsApp.waitUntil(() =>
      ids.every((id) => acksFor(whatsApp, linked.companion, id).length),
    );
    await vi.waitFor(() => expect(heard.length).toBeGreaterThanOrEqual(4));

    // assert
    expect(heardAbout(pictured).map((entry) => entry.change)).toEqual([
      { jids: [pictured], fields: ['PictureID'], values: { PictureID: '1700000555' } },
    ]);
    expect(heardAbout(removed).map((entry) => entry.change.values)).toEqual([{ PictureID: '' }]);
    expect(heardAbout(about).map((entry) => entry.change.values)).toEqual([
      { Status: 'On holiday 🎣' },
    ]);
    expect(heardAbout(devices).map((entry) => entry.change)).toEqual([
      { jids: [devices, '8812@lid'], fields: ['Devices'], values: {} },
    ]);
    expect(heard.every((entry) => entry.identity.userId === linked.identity.userId)).toBe(true);
    expect(ids.map((id) => acksFor(whatsApp, linked.companion, id).length)).toEqual([1, 1, 1, 1]);
  }, 30_000);

  it('hands over a business sender’s verified name once, however many messages carry it', async () => {
    // prepare
    const linked = await servedSession();
    const business = contactJid();

    // act
    for (let i = 0; i < 3; i++) {
      pushToCompanion(whatsApp, linked.companion, messageWithVerifiedName(business, 'Acme Ltd'));
    }
    pushToCompanion(whatsApp, linked.companion, messageWithVerifiedName(business, 'Acme Group'));
    await vi.waitFor(() => expect(heardAbout(business)).toHaveLength(2), { timeout: 10_000 });

    // assert
    expect(
      heardAbout(business).map((entry) => entry.change.values.VerifiedName?.Details.verifiedName),
    ).toEqual(['Acme Ltd', 'Acme Group']);
    expect(heardAbout(business)[0]?.change.fields).toEqual(['VerifiedName']);
  }, 30_000);

  it('logs a malformed notification (masked) and hands nothing over; Baileys still acknowledges it', async () => {
    // prepare
    const linked = await servedSession();
    const contact = contactJid();
    const warn = vi.spyOn(logger, 'warn');
    const malformed = aboutChanged(contact, 'x');
    malformed.content = [];

    // act
    const id = pushToCompanion(whatsApp, linked.companion, malformed);
    const unknown = {
      ...pictureChanged(contact, '1'),
      attrs: { ...malformed.attrs, id: '1', type: 'pay' },
    };
    const unknownId = pushToCompanion(whatsApp, linked.companion, unknown);
    await whatsApp.waitUntil(
      () =>
        acksFor(whatsApp, linked.companion, id).length > 0 &&
        acksFor(whatsApp, linked.companion, unknownId).length > 0,
    );

    // assert
    expect(heardAbout(contact)).toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      'notification ignored: malformed',
      expect.objectContaining({ type: 'status', reason: 'no <set> child' }),
    );
    expect(JSON.stringify(warn.mock.calls)).not.toContain(contact.slice(2, -18));
  }, 30_000);
});
