import type {
  BatchLookupMessage,
  BatchReplyItem,
  BatchReplyMessage,
} from '../contracts/shard-messages.ts';
import type { ProfileCache } from '../ports/profile-cache.ts';
import type { WhatsAppDirectory } from '../ports/whatsapp-directory.ts';
import { answerMessage, failureFields, type RequestOutcome } from './request-failure.ts';

export interface HandleBatchRequestDependencies {
  directory: WhatsAppDirectory;
  cache: ProfileCache;
  now?: () => number;
}

export type BatchRequestOutcome = RequestOutcome<BatchReplyMessage>;

/**
 * A batch lookup: ONE directory call for all its contacts, each profile written to the cache as
 * a single lookup writes it, and ONE reply with an item per contact in the request's order.
 * A contact's failure is its item; the whole batch fails only when the directory could ask
 * about none of them (session unavailable), or unexpectedly (INTERNAL_ERROR, retried).
 */
export function createHandleBatchRequest(dependencies: HandleBatchRequestDependencies) {
  const now = dependencies.now ?? Date.now;

  return function handleBatchRequest(
    request: BatchLookupMessage,
    signal: AbortSignal,
  ): Promise<BatchRequestOutcome> {
    return answerMessage(request, async (identity) => {
      const results = await dependencies.directory.lookupMany(identity, request.contacts, signal);
      const fetchedAt = now();
      const items = await Promise.all(
        results.map(async (result, index): Promise<BatchReplyItem> => {
          if (!result.ok) return failureFields(result.error);
          const contact = request.contacts[index];
          if (contact) await dependencies.cache.put(identity, contact, result.profile, fetchedAt);
          return { ok: true, profile: result.profile, fetchedAt };
        }),
      );
      return { items };
    });
  };
}

export type HandleBatchRequest = ReturnType<typeof createHandleBatchRequest>;
