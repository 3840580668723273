import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { UserFacingSocketConfig, WASocket } from 'baileys';
import { DynamoDbPairingAttempts } from '../adapters/dynamodb-pairing-attempts.ts';
import { SessionStatusStore } from '../adapters/dynamodb-session-status-store.ts';
import type { ContactProfile } from '../domain/contact/contact-profile.ts';
import { type ContactQuery, contactCacheKey } from '../domain/contact/contact-query.ts';
import { RateLimitedError } from '../domain/errors/app-errors.ts';
import {
  type SessionIdentity,
  sessionKey,
  sessionShard,
} from '../domain/session/session-identity.ts';
import { maskJid } from '../platform/mask-personal-data.ts';
import type { HeldShardLeases } from '../ports/held-shard-leases.ts';
import type { SessionControl } from '../ports/session-control.ts';
import type {
  DirectoryBatchItem,
  DirectoryPicture,
  PictureRequest,
  WhatsAppDirectory,
} from '../ports/whatsapp-directory.ts';
import type { BaileysDirectoryConfig } from './baileys-directory-config.ts';
import { BaileysSessionControl } from './baileys-session-control.ts';
import { baileysStanzaTransport } from './baileys-stanza-transport.ts';
import { DynamoDbAuthStateStore } from './dynamodb-auth-state-store.ts';
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

export interface BaileysDirectoryDependencies {
  dynamoDb: DynamoDBClient;
  sessionsTableName: string;
  shardCount: number;
  logger: Logger;
  /** The shard leases this process holds: only their sessions are served, their writes fenced. */
  leases: HeldShardLeases;
  /** Seam for tests; Baileys' makeWASocket otherwise. */
  makeSocket?: (config: UserFacingSocketConfig) => WASocket;
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

  readonly #statusStore: SessionStatusStore;
  readonly #logger: Logger | undefined;
  readonly #pairing: Pick<PairingCoordinator, 'shardClosed' | 'closeAll'> | undefined;
  /** Pairing and logout on this directory's sessions; absent when built without pairing. */
  readonly sessionControl: SessionControl | undefined;

  constructor(
    config: BaileysDirectoryConfig,
    sessions: SessionManager,
    statusStore: SessionStatusStore,
    logger?: Logger,
    control?: {
      pairing: Pick<PairingCoordinator, 'shardClosed' | 'closeAll'>;
      sessionControl: SessionControl;
    },
  ) {
    this.#logger = logger;
    this.#pairing = control?.pairing;
    this.sessionControl = control?.sessionControl;
    this.#config = config;
    this.#sessions = sessions;
    this.#statusStore = statusStore;
    this.#budget = new LiveLookupBudget({
      burst: config.WA_LIVE_LOOKUP_BURST,
      perMinute: config.WA_LIVE_LOOKUP_PER_MINUTE,
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
    return this.#sessions.openShard(shard, await this.#statusStore.listPaired());
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
    try {
      const session = await this.#sessions.session(identity);
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
        ).catch((error: unknown) => asked.map(() => error as Error))
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

  /** The open socket of the session, one unit of its budget, errors mapped to the contract's. */
  async #withSocket<T>(
    identity: SessionIdentity,
    signal: AbortSignal,
    cost: number,
    work: (socket: WASocket, options: ProfileFetchOptions) => Promise<T>,
  ): Promise<T> {
    try {
      const session = await this.#sessions.session(identity);
      const socket = await session.waitUntilOpen(signal, this.#config.WA_CONNECT_WAIT_MS);
      const { granted, retryAfterSeconds } = this.#budget.takeUpTo(sessionKey(identity), cost);
      if (granted < cost) {
        throw new RateLimitedError(
          'the live-lookup budget of this session is spent; try again later',
          retryAfterSeconds ?? 1,
        );
      }
      return await work(socket, this.#fetchOptions(socket, signal));
    } catch (error) {
      throw mapWhatsAppError(error, this.#config.WA_RATE_LIMIT_RETRY_AFTER_SECONDS);
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

/** The session's own JIDs (phone number and LID, device suffix removed). */
function ownJids(socket: WASocket): string[] {
  const me = socket.authState.creds.me;
  return [me?.id, me?.lid]
    .filter((jid): jid is string => typeof jid === 'string' && jid.length > 0)
    .map((jid) => jid.replace(/:\d+@/, '@'));
}

/** What main.ts calls when WA_BACKEND=baileys. */
export function createBaileysDirectory(
  config: BaileysDirectoryConfig,
  deps: BaileysDirectoryDependencies,
): BaileysDirectory {
  const statusStore = new SessionStatusStore({
    client: deps.dynamoDb,
    tableName: deps.sessionsTableName,
  });
  const authStoreFor = (identity: SessionIdentity) => {
    const shard = sessionShard(identity, deps.shardCount);
    return new DynamoDbAuthStateStore({
      client: deps.dynamoDb,
      tableName: deps.sessionsTableName,
      identity,
      fencingToken: () => deps.leases.fencingToken(shard),
    });
  };
  const connection = (identity: SessionIdentity) => ({
    identity,
    authStore: authStoreFor(identity),
    statusStore,
    webSocketUrl: config.WA_WEBSOCKET_URL,
    logger: deps.logger,
    connectTimeoutMs: config.WA_CONNECT_TIMEOUT_MS,
    ...(deps.makeSocket && { makeSocket: deps.makeSocket }),
  });
  const backoff = { baseMs: config.WA_RECONNECT_BASE_MS, maxMs: config.WA_RECONNECT_MAX_MS };
  const sessions = new SessionManager({
    shardCount: deps.shardCount,
    leases: deps.leases,
    recheckIdleMs: config.WA_SESSION_RECHECK_MS,
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
  const pairing = new PairingCoordinator({
    attempts: new DynamoDbPairingAttempts(deps.dynamoDb, deps.sessionsTableName),
    sessions,
    shardCount: deps.shardCount,
    logger: deps.logger,
  });
  const sessionControl = new BaileysSessionControl({
    sessions,
    pairing,
    authStoreFor,
    connectWaitMs: config.WA_CONNECT_WAIT_MS,
    queryTimeoutMs: config.WA_QUERY_TIMEOUT_MS,
    rateLimitRetryAfterSeconds: config.WA_RATE_LIMIT_RETRY_AFTER_SECONDS,
    logger: deps.logger,
  });
  return new BaileysDirectory(config, sessions, statusStore, deps.logger, {
    pairing,
    sessionControl,
  });
}
