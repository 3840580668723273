import { afterAll, beforeAll } from 'vitest';
import type { SessionControl } from '../../../functions/ports/session-control.ts';
import type { BaileysDirectory } from '../../../functions/whatsapp/baileys-directory.ts';
import type { SessionsTable } from '../aws/sessions-table.ts';
import { silentLogger } from '../logging/silent-logger.ts';
import {
  startWhatsAppServerStandIn,
  trustTestRootKey,
  type WhatsAppServerStandIn,
} from './server-stand-in.ts';
import { standInBackend } from './stand-in-directory.ts';
import type { StandInOptions } from './stand-in-state.ts';

interface Backend {
  directory: BaileysDirectory;
  sessionControl: SessionControl;
}

/**
 * A WhatsApp server stand-in the worker trusts and the worker's real Baileys backend against it
 * (and one more backend per `variants` entry, each with its own environment), for the tests of
 * the file that calls this: started before them, members there once they run. Stopped after
 * them server first, so no frame it pushes makes a session read its store while the backends
 * close; call it after useSessionsTable, whose table then stops last.
 */
export function useStandInBackend<Variant extends string = never>(
  table: Pick<SessionsTable, 'client' | 'tableName'>,
  options: {
    standIn?: StandInOptions;
    environment?: Record<string, string>;
    variants?: Record<Variant, Record<string, string>>;
  } = {},
): Backend & { server: WhatsAppServerStandIn; variants: Record<Variant, Backend> } {
  const used = { variants: {} } as Backend & {
    server: WhatsAppServerStandIn;
    variants: Record<Variant, Backend>;
  };
  const backends: Backend[] = [];
  let untrust: (() => void) | undefined;
  beforeAll(async () => {
    used.server = await startWhatsAppServerStandIn(options.standIn);
    untrust = trustTestRootKey(used.server.rootPublicKey);
    const backend = (environment: Record<string, string> = {}) => {
      const built = standInBackend(table, used.server, {
        logger: silentLogger(),
        environment: { ...options.environment, ...environment },
      });
      backends.push(built);
      return built;
    };
    Object.assign(used, backend());
    const variants = Object.entries(options.variants ?? {}) as [Variant, Record<string, string>][];
    for (const [name, environment] of variants) used.variants[name] = backend(environment);
  });
  afterAll(async () => {
    await used.server?.stop();
    for (const { directory } of backends) await directory.close();
    untrust?.();
  });
  return used;
}
