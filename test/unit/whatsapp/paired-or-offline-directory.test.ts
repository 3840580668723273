import { describe, expect, it } from 'vitest';
import type {
  SessionState,
  SessionStatus,
} from '../../../functions/adapters/dynamodb-session-status-store.ts';
import type { SessionIdentity } from '../../../functions/domain/session/session-identity.ts';
import type { WhatsAppDirectory } from '../../../functions/ports/whatsapp-directory.ts';
import { PairedOrOfflineDirectory } from '../../../functions/whatsapp/paired-or-offline-directory.ts';
import { plainProfile } from '../../support/seed-profile.ts';
import { unusedDirectoryMethods } from '../../support/unused-directory-methods.ts';

function directoryAnswering(status: string): WhatsAppDirectory & { closed: number[] } {
  const closed: number[] = [];
  return {
    closed,
    ...unusedDirectoryMethods,
    async lookupPicture(_identity, contact) {
      const jid = contact.kind === 'jid' ? contact.jid : `${contact.digits}@s.whatsapp.net`;
      return { jid, picture: null, visibility: status === 'from WhatsApp' ? 'hidden' : 'not_set' };
    },
    async lookupMany(identity, contacts, signal) {
      return Promise.all(
        contacts.map(async (c) => ({
          ok: true as const,
          profile: await this.lookup(identity, c, signal),
        })),
      );
    },
    async lookup(_identity, contact) {
      const jid = contact.kind === 'jid' ? contact.jid : `${contact.digits}@s.whatsapp.net`;
      return plainProfile(jid, status);
    },
    async closeShard(shard) {
      closed.push(shard);
    },
  };
}

function setup(states: Record<string, SessionState>) {
  const live = directoryAnswering('from WhatsApp');
  const offline = directoryAnswering('from the offline directory');
  const directory = new PairedOrOfflineDirectory({
    live,
    offline,
    statuses: {
      async get(identity: SessionIdentity): Promise<SessionStatus> {
        return { state: states[identity.userId] ?? 'unpaired', updatedAt: '2026-11-25T00:00:00Z' };
      },
    },
  });
  return { directory, live };
}

const contact = { kind: 'jid', jid: '5511999999999@s.whatsapp.net' } as const;
const signal = new AbortController().signal;

describe('PairedOrOfflineDirectory', () => {
  it('answers an unpaired session from the offline directory', async () => {
    const { directory } = setup({});

    const profile = await directory.lookup({ tenantId: 't', userId: 'new' }, contact, signal);

    expect(profile.user_info.Status).toBe('from the offline directory');
  });

  it('sends picture and batch lookups where it sends the profile lookup', async () => {
    const { directory } = setup({ alice: 'paired' });

    const livePicture = await directory.lookupPicture(
      { tenantId: 't', userId: 'alice' },
      contact,
      { type: 'image' },
      signal,
    );
    const offlineBatch = await directory.lookupMany(
      { tenantId: 't', userId: 'new' },
      [contact],
      signal,
    );

    expect(livePicture).toMatchObject({ visibility: 'hidden' });
    expect(offlineBatch).toMatchObject([
      { ok: true, profile: { user_info: { Status: 'from the offline directory' } } },
    ]);
  });

  it('answers a paired session from WhatsApp', async () => {
    const { directory } = setup({ alice: 'paired' });

    const profile = await directory.lookup({ tenantId: 't', userId: 'alice' }, contact, signal);

    expect(profile.user_info.Status).toBe('from WhatsApp');
  });

  it('sends a logged-out session to WhatsApp, which asks for re-pairing', async () => {
    const { directory } = setup({ bob: 'logged_out' });

    const profile = await directory.lookup({ tenantId: 't', userId: 'bob' }, contact, signal);

    expect(profile.user_info.Status).toBe('from WhatsApp');
  });

  it('closes the live sessions of a lost shard', async () => {
    const { directory, live } = setup({});

    await directory.closeShard(3);

    expect(live.closed).toEqual([3]);
  });
});
