import type {
  PairingAttempt,
  PairingEndReason,
} from '../../../functions/domain/session/pairing-attempt.ts';
import {
  type SessionIdentity,
  sessionKey,
} from '../../../functions/domain/session/session-identity.ts';
import type {
  PairingAttemptStore,
  PairingProgress,
} from '../../../functions/ports/pairing-attempts.ts';
import type {
  SessionStatusReader,
  StoredSessionStatus,
} from '../../../functions/ports/session-status-reader.ts';
import type { SessionWorkerClient } from '../../../functions/ports/worker-client.ts';

/** The pairing attempt store's conditions, in memory (the DynamoDB adapter's are tested apart). */
export class InMemoryPairingAttempts implements PairingAttemptStore {
  readonly items = new Map<string, PairingAttempt>();
  /** Runs before each `latest` read: tests let "the worker" act between two polls. */
  beforeLatest: ((identity: SessionIdentity) => void) | undefined;

  async latest(identity: SessionIdentity): Promise<PairingAttempt | null> {
    this.beforeLatest?.(identity);
    const item = this.items.get(sessionKey(identity));
    return item ? structuredClone(item) : null;
  }

  async claim(
    identity: SessionIdentity,
    attempt: PairingAttempt,
    replacing: PairingAttempt | null,
  ): Promise<boolean> {
    const current = this.items.get(sessionKey(identity));
    if ((current?.attemptId ?? null) !== (replacing?.attemptId ?? null)) return false;
    this.items.set(sessionKey(identity), structuredClone(attempt));
    return true;
  }

  async progress(
    identity: SessionIdentity,
    attemptId: string,
    progress: PairingProgress,
  ): Promise<boolean> {
    const current = this.items.get(sessionKey(identity));
    if (!current || current.attemptId !== attemptId || current.state === 'ended') return false;
    Object.assign(current, progress);
    if ('state' in progress && progress.state === 'linking') {
      delete current.qr;
      delete current.pairingCode;
      delete current.codeExpiresAt;
    }
    return true;
  }

  async end(identity: SessionIdentity, attemptId: string, reason: PairingEndReason) {
    const current = this.items.get(sessionKey(identity));
    if (!current || current.attemptId !== attemptId || current.state === 'ended') return;
    current.state = 'ended';
    current.endReason = reason;
    delete current.qr;
    delete current.pairingCode;
    delete current.codeExpiresAt;
  }
}

export class InMemorySessionStatuses implements SessionStatusReader {
  readonly items = new Map<string, StoredSessionStatus>();

  set(identity: SessionIdentity, status: StoredSessionStatus): void {
    this.items.set(sessionKey(identity), status);
  }

  async get(identity: SessionIdentity): Promise<StoredSessionStatus> {
    return this.items.get(sessionKey(identity)) ?? { state: 'unpaired' };
  }
}

/** Records the commands; `failWith` makes them fail as the SQS adapter does (no worker). */
export class RecordingSessionWorkerClient implements SessionWorkerClient {
  readonly pairings: Array<{
    identity: SessionIdentity;
    attemptId: string;
    deadline: number;
    phoneDigits?: string;
  }> = [];
  readonly logouts: Array<{ identity: SessionIdentity; deadline: number }> = [];
  failWith: Error | undefined;
  /** Runs when a pairing command is sent: tests play the worker here. */
  onStartPairing: ((identity: SessionIdentity, attemptId: string) => void) | undefined;
  unlinked = true;

  async startPairing(
    identity: SessionIdentity,
    command: { attemptId: string; deadline: number; phoneDigits?: string },
  ): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.pairings.push({ identity, ...command });
    this.onStartPairing?.(identity, command.attemptId);
  }

  async logOut(identity: SessionIdentity, options: { deadline: number }) {
    if (this.failWith) throw this.failWith;
    this.logouts.push({ identity, deadline: options.deadline });
    return { unlinked: this.unlinked };
  }
}
