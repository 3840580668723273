import { describe, expect, it, vi } from 'vitest';
import type { ContactChange } from '../../../functions/domain/contact/contact-change.ts';
import type { ContactProfile } from '../../../functions/domain/contact/contact-profile.ts';
import {
  type ContactQuery,
  contactCacheKey,
} from '../../../functions/domain/contact/contact-query.ts';
import type {
  ChangeableProfile,
  ContactChangeCache,
} from '../../../functions/ports/contact-change-cache.ts';
import type { ContactChangedEvent } from '../../../functions/ports/contact-events.ts';
import {
  contactChangeListener,
  createApplyContactChange,
} from '../../../functions/worker/apply-contact-change.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';

const IDENTITY = { tenantId: 'acme', userId: 'alice' };
const JID = '5511988887777@s.whatsapp.net';
const NOW = 1_796_700_000_000;

const profile = (status = 'Loopback status'): ContactProfile => ({
  jid: JID,
  user_info: { Status: status, PictureID: '1700000001', Devices: [], VerifiedName: null },
  business_profile: null,
});

/** The cache port in memory: entries by contact key, each write counted, as the adapter's conditions. */
function memoryCache(entries: Record<string, ChangeableProfile>) {
  const dropped: Array<{ contacts: readonly ContactQuery[]; pictureId: string }> = [];
  let version = 0;
  const cache: ContactChangeCache & { beforeRewrite?: () => void } = {
    async read(_identity, contact) {
      const entry = entries[contactCacheKey(contact)];
      return entry ? structuredClone(entry) : null;
    },
    async rewrite(_identity, contact, entry, update) {
      cache.beforeRewrite?.();
      const key = contactCacheKey(contact);
      const current = entries[key];
      if (!current || current.etag !== entry.etag) return false;
      entries[key] = {
        profile: update.profile,
        fetchedAt: current.fetchedAt,
        etag: `v${++version}`,
        stale: update.stale,
      };
      return true;
    },
    async dropPictures(_identity, contacts, pictureId) {
      dropped.push({ contacts, pictureId });
    },
  };
  return { cache, entries, dropped };
}

function setup(entries: Record<string, ChangeableProfile>) {
  const memory = memoryCache(entries);
  const events: ContactChangedEvent[] = [];
  const apply = createApplyContactChange({
    cache: memory.cache,
    events: { publishContactChanged: async (event) => void events.push(event) },
    logger: silentLogger(),
    now: () => NOW,
  });
  return { ...memory, events, apply };
}

const entry = (status?: string, fetchedAt = NOW - 60_000): ChangeableProfile => ({
  profile: profile(status),
  fetchedAt,
  etag: 'v0',
  stale: false,
});

const pictureChange: ContactChange = {
  jids: [JID],
  fields: ['PictureID'],
  values: { PictureID: '1700000777' },
};

describe('createApplyContactChange', () => {
  it('updates the entries under the JID and the number in place, drops the picture URLs, and emits one event', async () => {
    const { apply, entries, dropped, events } = setup({
      [`jid#${JID}`]: entry(),
      'number#5511988887777': entry(),
    });

    const outcome = await apply(IDENTITY, pictureChange);

    expect(outcome).toBe('changed');
    expect(entries[`jid#${JID}`]?.profile.user_info.PictureID).toBe('1700000777');
    expect(entries['number#5511988887777']?.profile.user_info.PictureID).toBe('1700000777');
    expect(dropped).toEqual([
      {
        contacts: [
          { kind: 'jid', jid: JID },
          { kind: 'number', digits: '5511988887777' },
        ],
        pictureId: '1700000777',
      },
    ]);
    expect(events).toEqual([
      {
        tenant: 'acme',
        user: 'alice',
        jid: JID,
        changed: ['PictureID'],
        user_info: { PictureID: '1700000777' },
      },
    ]);
  });

  it('changes nothing and emits nothing for a contact not in the cache', async () => {
    const { apply, entries, dropped, events } = setup({});

    const outcome = await apply(IDENTITY, pictureChange);

    expect(outcome).toBe('not-cached');
    expect(entries).toEqual({});
    expect(dropped).toEqual([]);
    expect(events).toEqual([]);
  });

  it('leaves an entry fetched after the change arrived as it is', async () => {
    const { apply, entries, events } = setup({ [`jid#${JID}`]: entry('newer', NOW) });

    const outcome = await apply(IDENTITY, pictureChange);

    expect(outcome).toBe('unchanged');
    expect(entries[`jid#${JID}`]?.profile.user_info.PictureID).toBe('1700000001');
    expect(events).toEqual([]);
  });

  it('emits nothing when the entry already serves the carried value', async () => {
    const { apply, events } = setup({ [`jid#${JID}`]: entry('Gone fishing') });

    const outcome = await apply(IDENTITY, {
      jids: [JID],
      fields: ['Status'],
      values: { Status: 'Gone fishing' },
    });

    expect(outcome).toBe('unchanged');
    expect(events).toEqual([]);
  });

  it('marks the entry stale for a device list change and names the field without a value', async () => {
    const { apply, entries, dropped, events } = setup({ [`jid#${JID}`]: entry() });

    await apply(IDENTITY, { jids: [JID], fields: ['Devices'], values: {} });

    expect(entries[`jid#${JID}`]?.stale).toBe(true);
    expect(dropped).toEqual([]);
    expect(events).toEqual([{ tenant: 'acme', user: 'alice', jid: JID, changed: ['Devices'] }]);
  });

  it('keeps a stale mark when a later change carries a value', async () => {
    const { apply, entries } = setup({ [`jid#${JID}`]: { ...entry(), stale: true } });

    await apply(IDENTITY, { jids: [JID], fields: ['Status'], values: { Status: 'new' } });

    expect(entries[`jid#${JID}`]).toMatchObject({ stale: true });
    expect(entries[`jid#${JID}`]?.profile.user_info.Status).toBe('new');
  });

  it('reads the entry again when another write replaced it first, and applies the change to that one', async () => {
    const { apply, cache, entries } = setup({ [`jid#${JID}`]: entry() });
    let raced = false;
    cache.beforeRewrite = () => {
      if (raced) return;
      raced = true;
      entries[`jid#${JID}`] = { ...entry('a newer fetch'), etag: 'other' };
    };

    await apply(IDENTITY, pictureChange);

    expect(entries[`jid#${JID}`]?.profile.user_info).toMatchObject({
      Status: 'a newer fetch',
      PictureID: '1700000777',
    });
  });

  it('finds an entry cached under the LID when the change names it', async () => {
    const lid = '99887766@lid';
    const { apply, events } = setup({ [`jid#${lid}`]: entry() });

    await apply(IDENTITY, { ...pictureChange, jids: [JID, lid] });

    expect(events).toHaveLength(1);
  });
});

describe('contactChangeListener', () => {
  it('logs a failed change with masked JIDs and never throws', async () => {
    const logger = silentLogger();
    const warn = vi.spyOn(logger, 'warn');
    const listener = contactChangeListener(async () => {
      throw new Error('the profile cache is temporarily unavailable; retry shortly');
    }, logger);

    await listener.contactChanged(IDENTITY, pictureChange);

    expect(warn).toHaveBeenCalledWith('contact change not applied to the cache', {
      contact: ['55*********77@s.whatsapp.net'],
      errorMessage: 'the profile cache is temporarily unavailable; retry shortly',
    });
  });
});
