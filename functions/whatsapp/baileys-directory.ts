import type { Logger } from '@aws-lambda-powertools/logger';
import { makeWASocket, type UserFacingSocketConfig, type WASocket } from 'baileys';
import type { SessionStatusStore } from '../adapters/dynamodb-session-status-store.ts';
import type { ContactProfile } from '../domain/contact/contact-profile.ts';
import { type ContactQuery, contactCacheKey } from '../domain/contact/contact-query.ts';
import { RateLimitedError } from '../domain/errors/app-errors.ts';
import { type SessionIdentity, sessionKey } from '../domain/session/session-identity.ts';
import { maskJid } from '../platform/mask-personal-data.ts';
import type { ContactChangeListener } from '../ports/contact-changes.ts';
import type { HeldShardLeases } from '../ports/held-shard-leases.ts';
import type { PairingAttemptStore } from '../ports/pairing-attempts.ts';
import type { SessionControl } from '../ports/session-control.ts';
import type { SessionEventPublisher } from '../ports/session-events.ts';
import type {
  DirectoryBatchItem,
  DirectoryPicture,
  PictureRequest,
  WhatsAppDirectory,
} from '../ports/whatsapp-directory.ts';
import type { BaileysDirectoryConfig } from './baileys-directory-config.ts';
import { BaileysSessionControl } from './baileys-session-control.ts';
import { baileysStanzaTransport } from './baileys-stanza-transport.ts';
import { observeContactChanges } from './contact-change-observer.ts';
import type { DynamoDbAuthStateStore } from './dynamodb-auth-state-store.ts';
import { fetchContactProfile, type ProfileFetchOptions } from './fetch-contact-profile.ts';
import { fetchContactProfiles } from './fetch-contact-profiles.ts';
import { fetchProfilePicture } from './fetch-profile-picture.ts';
import { LiveLookupBudget } from './live-lookup-budget.ts';
import { mapWhatsAppError } from './map-whatsapp-error.ts';
import { PairingCoordinator } from './pairing-coordinator.ts';
import { createPairingSession } from './pairing-session.ts';
import { readPrivacyToken } from './privacy-token.ts';
import { createServingSession } from './serving-session.ts';
import { SessionManager } from './session-manager.ts';
import { SingleFlight } from './single-flight.ts';
import type { WhatsAppSession } from './whatsapp-session.ts';

export interface BaileysDirectoryOptions {
  config: BaileysDirectoryConfig;
  sessions: SessionManager;
  /** Read for the paired sessions of a shard as it opens. */
  statuses: Pick<SessionStatusStore, 'listPaired'>;
  logger?: Logger;
  /** Ends a shard's (or every) pairing attempt as its sockets close; absent without pairing. */
  pairing?: Pick<PairingCoordinator, 'shardClosed' | 'closeAll'>;
}

/**
 * The directory port on real WhatsApp sessions: each lookup goes through single-flight per
 * (session, contact), the session's live-lookup budget, then the session's socket.
 */
export class BaileysDirectory implements WhatsAppDirectory {
  readonly #config: BaileysDirectoryConfig;
  readonly #sessions: SessionManager;
  readonly #budget: LiveLookupBudget;
  readonly #flights = new SingleFlight<ContactProfile>();
  readonly #pictureFlights = new SingleFlight<DirectoryPicture>();
  #sid = 0;
  readonly #sidPrefix = `${Date.now().toString(36)}.`;

  readonly #statuses: Pick<SessionStatusStore, 'listPaired'>;
  readonly #logger: Logger | undefined;
  readonly #pairing: Pick<PairingCoordinator, 'shardClosed' | 'closeAll'> | undefined;

  constructor(options: BaileysDirectoryOptions) {
    this.#config = options.config;
    this.#sessions = options.sessions;
    this.#statuses = options.statuses;
    this.#logger = options.logger;
    this.#pairing = options.pairing;
    this.#budget = new LiveLookupBudget({
      burst: options.config.WA_LIVE_LOOKUP_BURST,
      perMinute: options.config.WA_LIVE_LOOKUP_PER_MINUTE,
    });
  }

  lookup(
    identity: SessionIdentity,
    contact: ContactQuery,
    signal: AbortSignal,
  ): Promise<ContactProfile> {
    const key = `${sessionKey(identity)}|${contactCacheKey(contact)}`;
    return this.#flights.run(key, signal, (flightSignal) =>
      this.#fetch(identity, contact, flightSignal),
    );
  }

  /** Sessions this process holds (connected, connecting or waiting to reconnect). */
  get openSessions(): number {
    return this.#sessions.openSessions;
  }

  /** Connects the paired sessions of a shard whose lease this process just acquired. */
  async openShard(shard: number): Promise<number> {
    return this.#sessions.openShard(shard, await this.#statuses.listPaired());
  }

  /** Closes the sockets of a shard whose lease was lost, then ends its pairing attempts. */
  async closeShard(shard: number): Promise<void> {
    await this.#sessions.closeShard(shard);
    await this.#pairing?.shardClosed(shard);
  }

  async close(): Promise<void> {
    await this.#sessions.closeAll();
    await this.#pairing?.closeAll();
  }

  /**
   * The contact's picture: single-flight per (session, contact, type, known id), one unit of the
   * session's live-lookup budget, the request's deadline and abort signal.
   */
  lookupPicture(
    identity: SessionIdentity,
    contact: ContactQuery,
    request: PictureRequest,
    signal: AbortSignal,
  ): Promise<DirectoryPicture> {
    const key = `${sessionKey(identity)}|${contactCacheKey(contact)}|${request.type}|${request.existingId ?? ''}`;
    return this.#pictureFlights.run(key, signal, (flightSignal) =>
      this.#withSocket(identity, flightSignal, 1, async (socket, options) => {
        const { jid, answer } = await fetchProfilePicture(baileysStanzaTransport(socket), contact, {
          ...options,
          type: request.type,
          existingId: request.existingId,
          ownJids: ownJids(socket),
        });
        if (answer.kind === 'unchanged') return { jid, unchanged: true as const };
        if (answer.kind === 'none') return { jid, picture: null, visibility: answer.visibility };
        return { jid, picture: answer.picture };
      }),
    );
  }

  /**
   * Many contacts through one socket, under one deadline: each contact takes one unit of the
   * session's budget; those beyond it are RATE_LIMITED items and are not asked about.
   */
  async lookupMany(
    identity: SessionIdentity,
    contacts: ContactQuery[],
    signal: AbortSignal,
  ): Promise<DirectoryBatchItem[]> {
    let socket: WASocket;
    let session: WhatsAppSession;
    try {
      session = await this.#sessions.session(identity);
      socket = await session.waitUntilOpen(signal, this.#config.WA_CONNECT_WAIT_MS);
    } catch (error) {
      // No contact can be asked about: the whole batch fails (session unavailable, timeout).
      throw mapWhatsAppError(error, this.#config.WA_RATE_LIMIT_RETRY_AFTER_SECONDS);
    }
    // One unit per distinct contact: a contact listed twice is asked about once.
    const distinct = [...new Map(contacts.map((c) => [contactCacheKey(c), c])).values()];
    const { granted, retryAfterSeconds } = this.#budget.takeUpTo(
      sessionKey(identity),
      distinct.length,
    );
    const asked = distinct.slice(0, granted);
    const results = new Map<string, DirectoryBatchItem>();
    const answers = asked.length
      ? await fetchContactProfiles(
          baileysStanzaTransport(socket),
          asked,
          this.#fetchOptions(socket, signal),
        ).then(
          async (found) => {
            await session.health.succeeded();
            return found;
          },
          async (error: unknown) => {
            const refused = await session.health.refused(error, timelockQuery(socket));
            return asked.map(() => refused as Error);
          },
        )
      : [];
    asked.forEach((contact, index) => {
      const answer = answers[index];
      results.set(
        contactCacheKey(contact),
        answer === undefined || answer instanceof Error
          ? {
              ok: false,
              error: mapWhatsAppError(answer, this.#config.WA_RATE_LIMIT_RETRY_AFTER_SECONDS),
            }
          : { ok: true, profile: answer },
      );
    });
    const spent = new RateLimitedError(
      'the live-lookup budget of this session is spent; try again later',
      retryAfterSeconds ?? 1,
    );
    return contacts.map(
      (contact) => results.get(contactCacheKey(contact)) ?? { ok: false, error: spent },
    );
  }

  #fetch(
    identity: SessionIdentity,
    contact: ContactQuery,
    signal: AbortSignal,
  ): Promise<ContactProfile> {
    return this.#withSocket(identity, signal, 1, (socket, options) =>
      fetchContactProfile(baileysStanzaTransport(socket), contact, options),
    );
  }

  /**
   * The open socket of the session, one unit of its budget, errors mapped to the contract's; a
   * refusal that says WhatsApp restricts the account is the session's to act on (see
   * account-health.ts), so the lookups after it are not sent.
   */
  async #withSocket<T>(
    identity: SessionIdentity,
    signal: AbortSignal,
    cost: number,
    work: (socket: WASocket, options: ProfileFetchOptions) => Promise<T>,
  ): Promise<T> {
    let session: WhatsAppSession | undefined;
    let socket: WASocket | undefined;
    try {
      session = await this.#sessions.session(identity);
      socket = await session.waitUntilOpen(signal, this.#config.WA_CONNECT_WAIT_MS);
      const { granted, retryAfterSeconds } = this.#budget.takeUpTo(sessionKey(identity), cost);
      if (granted < cost) {
        throw new RateLimitedError(
          'the live-lookup budget of this session is spent; try again later',
          retryAfterSeconds ?? 1,
        );
      }
      const result = await work(socket, this.#fetchOptions(socket, signal));
      await session.health.succeeded();
      return result;
    } catch (error) {
      const refused = session ? await session.health.refused(error, timelockQuery(socket)) : error;
      throw mapWhatsAppError(refused, this.#config.WA_RATE_LIMIT_RETRY_AFTER_SECONDS);
    }
  }

  #fetchOptions(socket: WASocket, signal: AbortSignal): ProfileFetchOptions {
    return {
      queryTimeoutMs: this.#config.WA_QUERY_TIMEOUT_MS,
      signal,
      nextSid: () => `${this.#sidPrefix}${++this.#sid}`,
      privacyToken: (jid, knownLid) => readPrivacyToken(socket.authState.keys, jid, knownLid),
      rememberLid: (pn, lid) =>
        socket.signalRepository.lidMapping.storeLIDPNMappings([{ pn, lid }]),
      onMissingFields: (jid, missing) =>
        this.#logger?.warn('WhatsApp left fields out of a lookup; served without them', {
          contact: maskJid(jid),
          missing,
        }),
    };
  }
}

/** Asks WhatsApp when the account's time lock ends (as Baileys does after a message's 463). */
function timelockQuery(socket: WASocket | undefined) {
  return socket && (() => socket.fetchAccountReachoutTimelock());
}

/** The session's own JIDs (phone number and LID, device suffix removed). */
function ownJids(socket: WASocket): string[] {
  const me = socket.authState.creds.me;
  return [me?.id, me?.lid]
    .filter((jid): jid is string => typeof jid === 'string' && jid.length > 0)
    .map((jid) => jid.replace(/:\d+@/, '@'));
}

export interface BaileysBackendOptions {
  config: BaileysDirectoryConfig;
  shardCount: number;
  /** The shard leases this process holds: only their sessions are served, their writes fenced. */
  leases: HeldShardLeases;
  logger: Logger;
  statuses: SessionStatusStore;
  attempts: PairingAttemptStore;
  /** Each session's credential store, fenced by its shard's lease. */
  authStoreFor: (identity: SessionIdentity) => DynamoDbAuthStateStore;
  /** Seam for tests; Baileys' makeWASocket otherwise. */
  makeSocket?: (config: UserFacingSocketConfig) => WASocket;
  /** Where a paired session's drop and return are reported (`session.status` events). */
  events?: SessionEventPublisher;
  /** Where each session's sockets hand the contact changes WhatsApp pushes. */
  contactChanges?: ContactChangeListener;
}

/**
 * The live backend (`WA_BACKEND=baileys`, and the live side of `auto`): one session manager
 * whose sockets serve the directory's lookups, and pairing and logout on the same sessions.
 */
export function createBaileysBackend(options: BaileysBackendOptions): {
  directory: BaileysDirectory;
  sessionControl: SessionControl;
} {
  const { config, shardCount, leases, logger, statuses, authStoreFor, contactChanges } = options;
  const makeSocket = options.makeSocket ?? makeWASocket;
  const connection = (identity: SessionIdentity) => ({
    identity,
    authStore: authStoreFor(identity),
    statusStore: statuses,
    webSocketUrl: config.WA_WEBSOCKET_URL,
    logger,
    connectTimeoutMs: config.WA_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: config.WA_QUERY_TIMEOUT_MS,
    keepAliveIntervalMs: config.WA_KEEPALIVE_INTERVAL_MS,
    // Every socket of the session (each reconnect makes one) is listened to for changes.
    makeSocket: (socketConfig: UserFacingSocketConfig) => {
      const socket = makeSocket(socketConfig);
      if (contactChanges)
        observeContactChanges(socket, { identity, listener: contactChanges, logger });
      return socket;
    },
    ...(options.events && { events: options.events }),
  });
  const backoff = { baseMs: config.WA_RECONNECT_BASE_MS, maxMs: config.WA_RECONNECT_MAX_MS };
  const sessions = new SessionManager({
    shardCount,
    leases,
    recheckIdleMs: config.WA_SESSION_RECHECK_MS,
    openPacing: {
      concurrency: config.WA_OPEN_CONCURRENCY,
      jitterMs: config.WA_OPEN_JITTER_MS,
      holdMs: config.WA_CONNECT_TIMEOUT_MS,
    },
    createSession: (identity) => createServingSession({ ...connection(identity), backoff }),
    createPairingSession: (identity, { phoneDigits, onEvent }) =>
      createPairingSession({
        ...connection(identity),
        ...(phoneDigits && { phoneNumber: phoneDigits }),
        onEvent,
        serveOnceOpen: { backoff },
        pairingCodeTimeoutMs: config.WA_QUERY_TIMEOUT_MS,
      }),
  });
  const pairing = new PairingCoordinator({ attempts: options.attempts, sessions, logger });
  return {
    directory: new BaileysDirectory({ config, sessions, statuses, logger, pairing }),
    sessionControl: new BaileysSessionControl({
      sessions,
      pairing,
      authStoreFor,
      connectWaitMs: config.WA_CONNECT_WAIT_MS,
      queryTimeoutMs: config.WA_QUERY_TIMEOUT_MS,
      rateLimitRetryAfterSeconds: config.WA_RATE_LIMIT_RETRY_AFTER_SECONDS,
      logger,
    }),
  };
}
