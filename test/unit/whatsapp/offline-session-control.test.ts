import { describe, expect, it } from 'vitest';
import type { SessionIdentity } from '../../../functions/domain/session/session-identity.ts';
import { OfflineSessionControl } from '../../../functions/whatsapp/offline-session-control.ts';
import { InMemoryPairingAttempts } from '../../support/in-memory-session-ports.ts';
import { startingAttempt } from '../../support/whatsapp/starting-attempt.ts';

const identity = { tenantId: 'acme', userId: 'alice' };

describe('OfflineSessionControl (WA_BACKEND=offline)', () => {
  it('ends a pairing attempt at once as closed: there is no WhatsApp to pair with', async () => {
    // prepare
    const attempts = new InMemoryPairingAttempts();
    await attempts.claim(identity, startingAttempt('a1', 160_000), null);
    const control = new OfflineSessionControl({ attempts, clearCredentials: async () => {} });

    // act
    await control.startPairing(identity, { attemptId: 'a1', deadline: Date.now() + 160_000 });

    // assert
    const attempt = await attempts.latest(identity);
    expect(attempt?.state).toBe('ended');
    expect(attempt?.endReason).toBe('closed');
  });

  it('logs out by deleting the stored credentials, with nothing to unlink', async () => {
    // prepare
    const cleared: SessionIdentity[] = [];
    const control = new OfflineSessionControl({
      attempts: new InMemoryPairingAttempts(),
      clearCredentials: async (who) => {
        cleared.push(who);
      },
    });

    // act
    const result = await control.logOut(identity);

    // assert
    expect(result).toEqual({ unlinked: false });
    expect(cleared).toEqual([identity]);
  });
});
