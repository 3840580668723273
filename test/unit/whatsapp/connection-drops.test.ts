import { describe, expect, it } from 'vitest';
import type { SessionStatusChange } from '../../../functions/ports/session-events.ts';
import { ConnectionDrops } from '../../../functions/whatsapp/connection-drops.ts';

function recordingDrops() {
  const published: SessionStatusChange[] = [];
  const drops = new ConnectionDrops({
    identity: { tenantId: 'acme', userId: 'alice' },
    events: { publish: async (change) => void published.push(change) },
  });
  return { drops, published };
}

describe('ConnectionDrops', () => {
  it('reports a drop and the return after it once each, however often the socket retries', async () => {
    const { drops, published } = recordingDrops();

    await drops.lost();
    await drops.lost();
    await drops.returned('5511999990000@s.whatsapp.net');
    await drops.returned('5511999990000@s.whatsapp.net');

    expect(
      published.map((change) => [change.previous_status, change.status, change.reason]),
    ).toEqual([
      ['paired', 'connecting', 'connection_lost'],
      ['connecting', 'paired', 'reconnected'],
    ]);
    expect(published[1]?.jid).toBe('5511999990000@s.whatsapp.net');
  });

  it('reports no return for an open that followed no drop', async () => {
    const { drops, published } = recordingDrops();

    await drops.returned('5511999990000@s.whatsapp.net');

    expect(published).toEqual([]);
  });

  it('names the previous status of a logout from the phone after a drop as connecting', async () => {
    const { drops } = recordingDrops();
    const beforeDrop = drops.loggedOutNote();

    await drops.lost();

    expect(beforeDrop).toEqual({ reason: 'unlinked_from_phone' });
    expect(drops.loggedOutNote()).toEqual({
      reason: 'unlinked_from_phone',
      previousStatus: 'connecting',
    });
  });

  it("names pairing as the previous status of a pairing's first open only", () => {
    const { drops } = recordingDrops();

    const notes = [drops.pairedNote(true), drops.pairedNote(false)];

    expect(notes).toEqual([{ reason: 'paired', previousStatus: 'pairing' }, { reason: 'paired' }]);
  });
});
