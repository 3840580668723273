import { afterAll, beforeAll } from 'vitest';
import {
  startWhatsAppServerStandIn,
  trustTestRootKey,
  type WhatsAppServerStandIn,
} from './server-stand-in.ts';
import type { StandInOptions } from './stand-in-state.ts';

/**
 * A WhatsApp server stand-in whose test root Baileys trusts, for the tests of the file that
 * calls this: `server` is there once they run; the trust is undone and the server stopped after
 * them. For the worker's backend against it as well, see useStandInBackend.
 */
export function useTrustedStandIn(options?: StandInOptions): { server: WhatsAppServerStandIn } {
  const used = {} as { server: WhatsAppServerStandIn };
  let untrust: (() => void) | undefined;
  beforeAll(async () => {
    used.server = await startWhatsAppServerStandIn(options);
    untrust = trustTestRootKey(used.server.rootPublicKey);
  });
  afterAll(async () => {
    untrust?.();
    await used.server?.stop();
  });
  return used;
}
