import type { Logger } from '@aws-lambda-powertools/logger';
import type { WASocket } from 'baileys';
import { SessionUnavailableError, UpstreamTimeoutError } from '../domain/errors/app-errors.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import type { PairingCommand, SessionControl } from '../ports/session-control.ts';
import { baileysStanzaTransport } from './baileys-stanza-transport.ts';
import type { DynamoDbAuthStateStore } from './dynamodb-auth-state-store.ts';
import { send } from './fetch-contact-profile.ts';
import { buildLogoutQuery } from './logout-query.ts';
import { mapWhatsAppError, replyErrorCode } from './map-whatsapp-error.ts';
import type { PairingCoordinator } from './pairing-coordinator.ts';
import type { SessionManager } from './session-manager.ts';
import type { WhatsAppSession } from './whatsapp-session.ts';

export interface BaileysSessionControlOptions {
  sessions: Pick<SessionManager, 'session' | 'closeSession'>;
  pairing: Pick<PairingCoordinator, 'start' | 'cancel'>;
  /** The session's credential store, fenced by the shard's lease like the session's own. */
  authStoreFor: (identity: SessionIdentity) => Pick<DynamoDbAuthStateStore, 'clear'>;
  /** How long a logout waits for a linked session to connect before giving up on the unlink. */
  connectWaitMs: number;
  /** Longest wait for WhatsApp's answer to the unlink. */
  queryTimeoutMs: number;
  /** Retry-After when WhatsApp refuses the unlink with rate-overlimit and no backoff. */
  rateLimitRetryAfterSeconds: number;
  logger: Logger;
}

/**
 * Pairing and logout on the worker's own sockets (the session control port on Baileys).
 * Pairing goes through the pairing coordinator. A logout ends it, then, for a linked device,
 * asks WhatsApp to unlink it (`remove-companion-device`, sent as a query whose answer is read,
 * as whatsmeow's Logout does) within the caller's signal, `connectWaitMs` and `queryTimeoutMs`.
 * The credentials are deleted only once WhatsApp unlinked the device (or said it is not linked:
 * 401/404); otherwise the logout fails with the mapped error (503 not connected or refused,
 * 504 no answer, 429) and the session stays paired and serving: the user tries again, or
 * removes the device on the phone (WhatsApp then logs it out and the worker deletes it).
 */
export class BaileysSessionControl implements SessionControl {
  readonly #options: BaileysSessionControlOptions;

  constructor(options: BaileysSessionControlOptions) {
    this.#options = options;
  }

  startPairing(identity: SessionIdentity, command: PairingCommand): Promise<void> {
    return this.#options.pairing.start(identity, command);
  }

  async logOut(identity: SessionIdentity, signal: AbortSignal): Promise<{ unlinked: boolean }> {
    const { sessions } = this.#options;
    await this.#options.pairing.cancel(identity, 'logged_out');
    // Throws SessionUnavailableError when this worker does not hold the session's shard.
    const session = await sessions.session(identity);
    const unlinked = session.linked ? await this.#unlink(session, signal) : false;
    // Closing waits for what the session still writes (a logout's own status and clearing).
    await sessions.closeSession(identity, session);
    await this.#options.authStoreFor(identity).clear();
    return { unlinked };
  }

  /** True once WhatsApp unlinked the device; throws (credentials kept) when it did not. */
  async #unlink(session: WhatsAppSession, signal: AbortSignal): Promise<true> {
    const { logger, rateLimitRetryAfterSeconds } = this.#options;
    let socket: WASocket;
    try {
      socket = await session.waitUntilOpen(signal, this.#options.connectWaitMs);
    } catch {
      throw new SessionUnavailableError(
        'the WhatsApp session is not connected, so the device was not unlinked; try again, or remove the linked device on the phone',
      );
    }
    const deviceJid = socket.authState.creds.me?.id;
    if (!deviceJid) return true;
    try {
      await send(baileysStanzaTransport(socket), buildLogoutQuery(deviceJid), {
        queryTimeoutMs: this.#options.queryTimeoutMs,
        signal,
      });
      return true;
    } catch (error) {
      const code = replyErrorCode(error);
      // WhatsApp no longer knows this device as linked: there is nothing left to unlink.
      if (code === 401 || code === 404) return true;
      logger.warn('WhatsApp did not unlink the device; its credentials are kept', {
        ...(code !== undefined && { code }),
        errorMessage: error instanceof Error ? error.message : String(error),
      });
      if (code === 429) throw mapWhatsAppError(error, rateLimitRetryAfterSeconds);
      if (error instanceof UpstreamTimeoutError) {
        throw new UpstreamTimeoutError(
          'WhatsApp did not answer the unlink in time; the session is kept: try again',
        );
      }
      throw new SessionUnavailableError(
        'WhatsApp did not unlink the device; the session is kept: try again, or remove the linked device on the phone',
      );
    }
  }
}
