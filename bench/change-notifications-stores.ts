import { PROFILE_SHAPE_VERSION } from '../functions/adapters/dynamodb-profile-cache.ts';
import type { ContactProfile } from '../functions/domain/contact/contact-profile.ts';
import { type ContactQuery, contactCacheKey } from '../functions/domain/contact/contact-query.ts';
import { profileEtag } from '../functions/domain/contact/profile-etag.ts';
import type {
  ChangeableProfile,
  ContactChangeCache,
} from '../functions/ports/contact-change-cache.ts';
import type { CachedProfile, ProfileCache } from '../functions/ports/profile-cache.ts';

/**
 * The bench's stores for the change-notification piece (bench/change-notifications.ts), never
 * used by the product: one session's profile cache in memory for the day's replay, and an
 * in-process answer to the DynamoDB requests of the CPU measure.
 */

interface Entry {
  profile: ContactProfile;
  fetchedAt: number;
  etag: string;
  stale: boolean;
  changedAt: number;
}

/**
 * One session's profile cache in memory, with the DynamoDB adapters' rules: entries under the
 * contact's JID, newer wins (a fetch older than a change does not overwrite it), a rewrite only
 * of the entry that was read, a stale mark until the next fetch. Hard expiry is left out: the
 * replayed day is shorter than the retention.
 */
export class MemoryProfileStore implements ProfileCache, ContactChangeCache {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  putAt(profile: ContactProfile, fetchedAt: number): void {
    const key = contactCacheKey({ kind: 'jid', jid: profile.jid });
    const current = this.#entries.get(key);
    if (current && (current.fetchedAt >= fetchedAt || current.changedAt >= fetchedAt)) return;
    const profileJson = JSON.stringify(profile);
    this.#entries.set(key, {
      profile,
      fetchedAt,
      etag: profileEtag(profileJson),
      stale: false,
      changedAt: Number.NEGATIVE_INFINITY,
    });
  }

  async get(_identity: unknown, contact: ContactQuery): Promise<CachedProfile | null> {
    const entry = this.#entries.get(contactCacheKey(contact));
    if (!entry) return null;
    return {
      profileJson: JSON.stringify(entry.profile),
      fetchedAt: entry.fetchedAt,
      etag: entry.etag,
      ...(entry.stale && { stale: true }),
    };
  }

  async put(_identity: unknown, _askedAs: ContactQuery, profile: ContactProfile, at: number) {
    this.putAt(profile, at);
  }

  async read(_identity: unknown, contact: ContactQuery): Promise<ChangeableProfile | null> {
    const entry = this.#entries.get(contactCacheKey(contact));
    return entry
      ? {
          profile: structuredClone(entry.profile),
          fetchedAt: entry.fetchedAt,
          etag: entry.etag,
          stale: entry.stale,
        }
      : null;
  }

  async rewrite(
    _identity: unknown,
    contact: ContactQuery,
    read: ChangeableProfile,
    update: { profile: ContactProfile; stale: boolean; changedAt: number },
  ): Promise<boolean> {
    const key = contactCacheKey(contact);
    const entry = this.#entries.get(key);
    if (!entry || entry.etag !== read.etag) return false;
    this.#entries.set(key, {
      ...entry,
      profile: update.profile,
      etag: profileEtag(JSON.stringify(update.profile)),
      stale: entry.stale || update.stale,
      changedAt: update.changedAt,
    });
    return true;
  }

  async dropPictures(): Promise<void> {
    // The replay reads profiles only; no picture is cached.
    void this.#now;
  }
}

type AttributeMap = Record<string, { S?: string; N?: string }>;

/**
 * An SDK request handler answering GetItem, UpdateItem and DeleteItem from memory, so the CPU
 * measure runs the DynamoDB client's real serialisation without a network or an emulator's own
 * CPU in the figure. UpdateItem applies only the assignments the change adapter makes.
 */
export function memoryDynamoDbHandler() {
  const items = new Map<string, AttributeMap>();
  const keyOf = (key: AttributeMap) => `${key.sessionKey?.S}|${key.contactKey?.S}`;
  const answer = (body: unknown) => ({
    response: {
      statusCode: 200,
      headers: { 'content-type': 'application/x-amz-json-1.0' },
      body: new TextEncoder().encode(JSON.stringify(body)),
    },
  });
  const handler = {
    requests: 0,
    metadata: { handlerProtocol: 'http/1.1' },
    seedProfile(sessionKey: string, profile: ContactProfile, fetchedAt: number) {
      const data = JSON.stringify(profile);
      items.set(`${sessionKey}|jid#${profile.jid}`, {
        sessionKey: { S: sessionKey },
        contactKey: { S: `jid#${profile.jid}` },
        data: { S: data },
        etag: { S: profileEtag(data) },
        fetchedAt: { N: String(fetchedAt) },
        profileShape: { N: PROFILE_SHAPE_VERSION },
        expiresAt: { N: String(Math.ceil(fetchedAt / 1000) + 86_400) },
      });
    },
    async handle(request: { headers: Record<string, string>; body?: unknown }) {
      handler.requests += 1;
      const operation = (request.headers['x-amz-target'] ?? '').split('.')[1];
      const body =
        request.body instanceof Uint8Array
          ? new TextDecoder().decode(request.body)
          : String(request.body ?? '{}');
      const input = JSON.parse(body) as {
        Key: AttributeMap;
        ExpressionAttributeValues?: AttributeMap;
      };
      const key = keyOf(input.Key);
      if (operation === 'GetItem') {
        const item = items.get(key);
        return answer(item ? { Item: item } : {});
      }
      if (operation === 'UpdateItem') {
        const item = items.get(key);
        const values = input.ExpressionAttributeValues ?? {};
        if (item && values[':data'] && values[':etag'] && values[':changedAt']) {
          item.data = values[':data'];
          item.etag = values[':etag'];
          item.changedAt = values[':changedAt'];
        }
        return answer({});
      }
      return answer({});
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
  };
  return handler;
}
