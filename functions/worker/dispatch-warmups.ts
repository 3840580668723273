import { randomUUID } from 'node:crypto';
import type { WarmupLookupMessage } from '../contracts/shard-messages.ts';
import type { WarmupMessage } from '../contracts/warmup-messages.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import { parseContact } from '../domain/contact/parse-contact.ts';
import { type SessionIdentity, sessionShard } from '../domain/session/session-identity.ts';
import type { ProfileCache } from '../ports/profile-cache.ts';

export interface DispatchWarmupsDependencies {
  cache: ProfileCache;
  /**
   * Whether the session a warm-up names may be warmed: on AWS, a session whose status item
   * says paired (pairing took a token of that tenant and user; see start-worker.ts).
   */
  sessionAcceptsWarmups: (identity: SessionIdentity) => Promise<boolean>;
  /** Sends a request to the session's shard queue, where its owner handles it. */
  sendRequest: (shard: number, request: WarmupLookupMessage) => Promise<void>;
  shardCount: number;
  freshSeconds: number;
  /** How long a warm-up request stays worth doing. */
  warmupDeadlineMs: number;
  now?: () => number;
}

export interface WarmupOutcome {
  requested: number;
  alreadyFresh: number;
  invalid: number;
  /** The session may not be warmed (not paired): nothing was requested. */
  dropped?: true;
}

/**
 * Turns a warm-up message into profile requests without replies, for a session that accepts
 * warm-ups (others are dropped whole: a warm-up cannot open a session). Contacts are parsed exactly as
 * the API parses them (invalid ones are counted and skipped); fresh cache entries are skipped
 * unless `refresh` asks otherwise, to stay gentle with WhatsApp.
 */
export function createDispatchWarmups(dependencies: DispatchWarmupsDependencies) {
  const now = dependencies.now ?? Date.now;

  return async function dispatchWarmups(message: WarmupMessage): Promise<WarmupOutcome> {
    const identity = { tenantId: message.tenantId, userId: message.userId };
    const refresh = message.refresh ?? false;
    const outcome: WarmupOutcome = { requested: 0, alreadyFresh: 0, invalid: 0 };
    if (!(await dependencies.sessionAcceptsWarmups(identity))) return { ...outcome, dropped: true };
    const contacts: ContactQuery[] = [];
    for (const entry of message.contacts) {
      try {
        contacts.push(parseContact('jid' in entry ? { jid: entry.jid } : { number: entry.number }));
      } catch {
        outcome.invalid++;
      }
    }
    const shard = sessionShard(identity, dependencies.shardCount);
    await Promise.all(
      contacts.map(async (contact) => {
        if (!refresh) {
          const cached = await dependencies.cache.get(identity, contact);
          if (
            cached &&
            !cached.stale &&
            now() - cached.fetchedAt < dependencies.freshSeconds * 1000
          ) {
            outcome.alreadyFresh++;
            return;
          }
        }
        await dependencies.sendRequest(shard, {
          kind: 'warmup-lookup',
          version: 1,
          correlationId: randomUUID(),
          deadline: now() + dependencies.warmupDeadlineMs,
          tenantId: identity.tenantId,
          userId: identity.userId,
          contact,
          refresh,
        });
        outcome.requested++;
      }),
    );
    return outcome;
  };
}

export type DispatchWarmups = ReturnType<typeof createDispatchWarmups>;
