import type { Logger } from '@aws-lambda-powertools/logger';
import {
  DisconnectReason,
  makeWASocket,
  type UserFacingSocketConfig,
  type WASocket,
} from 'baileys';
import { SessionUnavailableError } from '../../shared/errors/app-errors.ts';
import { maskJid } from '../../shared/logging/mask-personal-data.ts';
import type { SessionIdentity } from '../../shared/session/session-identity.ts';
import { baileysLogger } from './baileys-logger.ts';
import {
  createDirectoryReaderCaches,
  directoryReaderSocketConfig,
  neverAnnounceAvailable,
} from './directory-reader-socket.ts';
import { type DynamoDbAuthStateStore, SessionFencedError } from './dynamodb-auth-state-store.ts';
import { reconnectDelayMs } from './reconnect-backoff.ts';
import type { SessionStatusStore } from './session-status-store.ts';

export type SessionConnectionState =
  | 'idle'
  | 'connecting'
  | 'open'
  | 'reconnecting'
  | 'logged_out'
  | 'unpaired'
  | 'closed';

/** What the pairing CLI shows while it waits, and what tests observe. */
export type SessionEvent =
  | { type: 'connecting'; url: string }
  | { type: 'qr'; qr: string }
  | { type: 'pairing-code'; code: string }
  | { type: 'open'; account: string }
  | { type: 'reconnecting'; delayMs: number; statusCode: number | undefined }
  | { type: 'logged-out' }
  | { type: 'closed'; statusCode: number | undefined; reason: string }
  | { type: 'fenced' };

export interface WhatsAppSessionOptions {
  identity: SessionIdentity;
  authStore: DynamoDbAuthStateStore;
  statusStore: SessionStatusStore;
  /** WA_WEBSOCKET_URL: WhatsApp's own by default; a loopback server in tests. */
  webSocketUrl: string;
  logger: Logger;
  /**
   * `serve`: connect only a paired session, reconnect forever (worker).
   * `pair`: connect to link a new device; stop at the first close that is not the restart
   * WhatsApp asks for right after linking (CLI).
   */
  mode: 'serve' | 'pair';
  /** With mode `pair`: ask for a pairing code for this number instead of a QR code. */
  pairingPhoneNumber?: string;
  backoff: { baseMs: number; maxMs: number };
  connectTimeoutMs: number;
  onEvent?: (event: SessionEvent) => void;
  /** Seam for tests; Baileys' makeWASocket otherwise. */
  makeSocket?: (config: UserFacingSocketConfig) => WASocket;
  random?: () => number;
}

/**
 * One WhatsApp Web session (one tenant's user), one socket. Keeps it connected with capped
 * exponential backoff and jitter; when WhatsApp says the device was logged out it records that,
 * deletes the dead credentials and stops: lookups then fail fast with 503 instead of looping.
 */
export class WhatsAppSession {
  readonly identity: SessionIdentity;
  readonly #options: WhatsAppSessionOptions;
  #state: SessionConnectionState = 'idle';
  #socket: WASocket | undefined;
  #attempt = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #auth: Awaited<ReturnType<DynamoDbAuthStateStore['load']>> | undefined;
  #waiters = new Set<() => void>();
  #pairingCodeRequested = false;
  readonly #caches = createDirectoryReaderCaches();

  constructor(options: WhatsAppSessionOptions) {
    this.identity = options.identity;
    this.#options = options;
  }

  get state(): SessionConnectionState {
    return this.#state;
  }

  /** The open socket; undefined while not connected. */
  get socket(): WASocket | undefined {
    return this.#state === 'open' ? this.#socket : undefined;
  }

  /** Loads the stored state and connects when there is something to connect. */
  async start(): Promise<void> {
    this.#auth = await this.#options.authStore.load();
    // close() may have come while we read the store.
    if (this.#closed()) return;
    if (!this.#auth.paired && this.#options.mode === 'serve') {
      const status = await this.#options.statusStore.get(this.identity);
      if (this.#closed()) return;
      this.#setState(status.state === 'logged_out' ? 'logged_out' : 'unpaired');
      return;
    }
    this.#connect();
  }

  /**
   * Resolves with the socket once open. Fails at once with 503 for a session that is logged
   * out or not paired, and with 503 when it does not come up within `maxWaitMs`.
   */
  async waitUntilOpen(signal: AbortSignal, maxWaitMs: number): Promise<WASocket> {
    for (;;) {
      const socket = this.socket;
      if (socket) return socket;
      if (this.#state === 'logged_out') {
        throw new SessionUnavailableError(
          'the WhatsApp session was logged out from the phone; re-pair this session',
        );
      }
      if (this.#state === 'unpaired') {
        throw new SessionUnavailableError('the WhatsApp session is not paired; pair this session');
      }
      if (this.#state === 'closed' || signal.aborted || maxWaitMs <= 0) {
        throw new SessionUnavailableError(
          'the WhatsApp session is not connected; try again shortly',
        );
      }
      const started = Date.now();
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          this.#waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, maxWaitMs);
        signal.addEventListener('abort', done, { once: true });
        this.#waiters.add(done);
      });
      maxWaitMs -= Date.now() - started;
    }
  }

  async close(): Promise<void> {
    this.#setState('closed');
    clearTimeout(this.#reconnectTimer);
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket) {
      socket.ev.removeAllListeners('connection.update');
      socket.end(undefined);
    }
  }

  #connect(): void {
    const auth = this.#auth;
    if (!auth || this.#state === 'closed') return;
    const { logger, webSocketUrl } = this.#options;
    const log = baileysLogger(logger, { component: 'whatsapp-session' });
    this.#setState(this.#attempt === 0 ? 'connecting' : 'reconnecting');
    this.#emit({ type: 'connecting', url: webSocketUrl });
    this.#pairingCodeRequested = false;
    const socket = (this.#options.makeSocket ?? makeWASocket)(
      directoryReaderSocketConfig({
        auth: auth.state,
        caches: this.#caches,
        logger: log,
        webSocketUrl,
        connectTimeoutMs: this.#options.connectTimeoutMs,
      }),
    );
    neverAnnounceAvailable(socket);
    this.#socket = socket;
    socket.ev.on('creds.update', () => {
      auth.saveCreds().catch((error: unknown) => this.#onSaveFailed(error));
    });
    socket.ev.on('connection.update', (update) => {
      if (socket !== this.#socket) return;
      if (update.qr) this.#onQr(socket, update.qr);
      if (update.connection === 'open') this.#onOpen(socket);
      if (update.connection === 'close') {
        const error = update.lastDisconnect?.error as
          | { output?: { statusCode?: number } }
          | undefined;
        this.#onClose(error?.output?.statusCode, update.lastDisconnect?.error?.message ?? 'closed');
      }
    });
  }

  #onQr(socket: WASocket, qr: string): void {
    const phone = this.#options.pairingPhoneNumber;
    if (this.#options.mode !== 'pair') return;
    if (!phone) {
      this.#emit({ type: 'qr', qr });
      return;
    }
    if (this.#pairingCodeRequested) return;
    this.#pairingCodeRequested = true;
    socket.requestPairingCode(phone).then(
      (code) => this.#emit({ type: 'pairing-code', code }),
      (error: unknown) =>
        this.#options.logger.warn('pairing code request failed', {
          errorMessage: error instanceof Error ? error.message : String(error),
        }),
    );
  }

  #onOpen(socket: WASocket): void {
    this.#attempt = 0;
    this.#setState('open');
    const account = maskJid(socket.user?.id?.replace(/:\d+@/, '@') ?? '');
    this.#options.statusStore
      .put(this.identity, { state: 'paired', account, reason: `connected (${this.#options.mode})` })
      .catch((error: unknown) =>
        this.#options.logger.warn('session status write failed', {
          errorMessage: error instanceof Error ? error.message : String(error),
        }),
      );
    this.#options.logger.info('whatsapp session open', { account });
    this.#emit({ type: 'open', account });
  }

  #onClose(statusCode: number | undefined, reason: string): void {
    this.#socket = undefined;
    if (this.#state === 'closed') return;
    if (statusCode === DisconnectReason.loggedOut) {
      void this.#onLoggedOut();
      return;
    }
    const restartAsked = statusCode === DisconnectReason.restartRequired;
    if (this.#options.mode === 'pair' && !restartAsked) {
      this.#setState('closed');
      this.#emit({ type: 'closed', statusCode, reason });
      return;
    }
    const delayMs = restartAsked
      ? 0
      : reconnectDelayMs(this.#attempt, this.#options.backoff, this.#options.random);
    this.#attempt += 1;
    this.#setState('reconnecting');
    this.#options.logger.warn('whatsapp session closed; reconnecting', { statusCode, delayMs });
    this.#emit({ type: 'reconnecting', delayMs, statusCode });
    this.#reconnectTimer = setTimeout(() => this.#connect(), delayMs);
  }

  async #onLoggedOut(): Promise<void> {
    this.#setState('logged_out');
    this.#options.logger.warn('whatsapp session logged out; it must be paired again');
    this.#emit({ type: 'logged-out' });
    try {
      await this.#options.statusStore.put(this.identity, {
        state: 'logged_out',
        reason: 'WhatsApp reported the device as logged out',
      });
      await this.#options.authStore.clear();
    } catch (error) {
      this.#options.logger.error('recording the logout failed', {
        errorMessage: error instanceof Error ? error.message : String(error),
      });
    }
  }

  #onSaveFailed(error: unknown): void {
    if (error instanceof SessionFencedError) {
      // Another worker took the session over: stop using it at once.
      this.#options.logger.warn('session fenced by a newer owner; closing it');
      this.#emit({ type: 'fenced' });
      void this.close();
      return;
    }
    this.#options.logger.error('saving WhatsApp credentials failed', {
      errorMessage: error instanceof Error ? error.message : String(error),
    });
  }

  #closed(): boolean {
    return this.#state === 'closed';
  }

  #setState(state: SessionConnectionState): void {
    this.#state = state;
    for (const wake of [...this.#waiters]) wake();
  }

  #emit(event: SessionEvent): void {
    this.#options.onEvent?.(event);
  }
}
