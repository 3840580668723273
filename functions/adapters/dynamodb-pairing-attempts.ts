import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  PAIRING_WINDOW_MS,
  type PairingAttempt,
  type PairingEndReason,
} from '../domain/session/pairing-attempt.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import { whenServiceAvailable } from '../platform/aws-service-failure.ts';
import { conditionHeld } from '../platform/conditional-write.ts';
import type { PairingAttemptStore, PairingProgress } from '../ports/pairing-attempts.ts';
import {
  type PublicSessionStatus,
  type SessionEventPublisher,
  statusChange,
} from '../ports/session-events.ts';
import {
  PAIRING_ATTEMPT_ATTRIBUTES,
  PAIRING_SORT_KEY,
  SESSIONS_PK as PK,
  projectionOf,
  SESSIONS_SK as SK,
  STATUS_SORT_KEY,
  sessionPartitionKey,
} from '../resources/sessions-table-keys.ts';
import { SESSIONS_TABLE } from '../resources/table-definitions.ts';

const TTL = SESSIONS_TABLE.ttlAttribute;
const STATES = new Set<PairingAttempt['state']>(['starting', 'waiting', 'linking', 'ended']);

/**
 * The latest pairing attempt of each session: one item beside the session's credentials and
 * status (`wa-session#<tenant>#<user>` / `pairing`), so the table's encryption covers the QR
 * payload and pairing code as it covers the credentials. Ending an attempt removes both; the
 * TTL (an hour after the last start, or the time limit if later) removes the item itself once
 * the hourly attempt count no longer needs it.
 */
export class DynamoDbPairingAttempts implements PairingAttemptStore {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #events: SessionEventPublisher | undefined;

  /**
   * `events`: a claim that wins reports `pairing_started`, and an end that lands without a link
   * reports the session back at its stored status; each write is conditional, so once.
   */
  constructor(options: {
    client: DynamoDBClient;
    tableName: string;
    events?: SessionEventPublisher;
  }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#events = options.events;
  }

  async latest(identity: SessionIdentity): Promise<PairingAttempt | null> {
    const result = await whenServiceAvailable('the session store', () =>
      this.#client.send(
        new GetItemCommand({
          TableName: this.#tableName,
          Key: this.#key(identity),
          ConsistentRead: true,
          // Only what an attempt holds: the session function may read nothing else of the partition.
          ...projectionOf(PAIRING_ATTEMPT_ATTRIBUTES),
        }),
      ),
    );
    return result.Item ? decodeAttempt(result.Item) : null;
  }

  async claim(
    identity: SessionIdentity,
    attempt: PairingAttempt,
    replacing: PairingAttempt | null,
  ): Promise<boolean> {
    const lastStart = Math.max(attempt.startedAt, ...attempt.recentStarts);
    const expiresAtSeconds = Math.ceil(
      Math.max(attempt.endsAt, lastStart + PAIRING_WINDOW_MS) / 1000,
    );
    const claimed = await conditionHeld(() =>
      whenServiceAvailable('the session store', () =>
        this.#client.send(
          new PutItemCommand({
            TableName: this.#tableName,
            Item: {
              ...this.#key(identity),
              ...encodeAttempt(attempt),
              [TTL]: { N: String(expiresAtSeconds) },
            },
            ...(replacing
              ? {
                  ConditionExpression: 'attemptId = :replacing',
                  ExpressionAttributeValues: { ':replacing': { S: replacing.attemptId } },
                }
              : {
                  ConditionExpression: 'attribute_not_exists(#pk)',
                  ExpressionAttributeNames: { '#pk': PK },
                }),
          }),
        ),
      ),
    );
    if (claimed && this.#events) {
      await this.#events.publish(
        statusChange(identity, {
          status: 'pairing',
          previous_status: await this.#storedStatus(identity),
          reason: 'pairing_started',
        }),
      );
    }
    return claimed;
  }

  async progress(
    identity: SessionIdentity,
    attemptId: string,
    progress: PairingProgress,
  ): Promise<boolean> {
    const names: Record<string, string> = { '#state': 'state' };
    const values: Record<string, AttributeValue> = {
      ':attemptId': { S: attemptId },
      ':ended': { S: 'ended' },
      ':aliveUntil': { N: String(progress.aliveUntil) },
    };
    const sets = ['aliveUntil = :aliveUntil'];
    const removes: string[] = [];
    if ('state' in progress) {
      sets.push('#state = :newState');
      values[':newState'] = { S: progress.state };
    }
    if ('qr' in progress) {
      sets.push('qr = :qr', 'codeExpiresAt = :codeExpiresAt');
      values[':qr'] = { S: progress.qr };
      values[':codeExpiresAt'] = { N: String(progress.codeExpiresAt) };
    } else if ('pairingCode' in progress) {
      sets.push('pairingCode = :pairingCode', 'codeExpiresAt = :codeExpiresAt');
      values[':pairingCode'] = { S: progress.pairingCode };
      values[':codeExpiresAt'] = { N: String(progress.codeExpiresAt) };
    } else if ('state' in progress && progress.state === 'linking') {
      // Scanned: the code has done its job and is a secret no one needs any more.
      removes.push('qr', 'pairingCode', 'codeExpiresAt');
    }
    return this.#updateIfCurrent(identity, sets, removes, names, values);
  }

  async end(identity: SessionIdentity, attemptId: string, reason: PairingEndReason): Promise<void> {
    const ended = await this.#updateIfCurrent(
      identity,
      ['#state = :ended', 'endReason = :reason'],
      ['qr', 'pairingCode', 'codeExpiresAt'],
      { '#state': 'state' },
      { ':attemptId': { S: attemptId }, ':ended': { S: 'ended' }, ':reason': { S: reason } },
    );
    // A linked attempt's change (to paired) is the status store's to report.
    if (ended && reason !== 'paired' && this.#events) {
      await this.#events.publish(
        statusChange(identity, {
          status: await this.#storedStatus(identity),
          previous_status: 'pairing',
          reason: `pairing_${reason}`,
        }),
      );
    }
  }

  /** The session's stored status (the status item beside the attempt), for its events. */
  async #storedStatus(identity: SessionIdentity): Promise<PublicSessionStatus> {
    // The change is recorded already: a failed read only makes the event less precise.
    const result = await this.#client
      .send(
        new GetItemCommand({
          TableName: this.#tableName,
          Key: { [PK]: { S: sessionPartitionKey(identity) }, [SK]: { S: STATUS_SORT_KEY } },
          ConsistentRead: true,
          ProjectionExpression: '#state',
          ExpressionAttributeNames: { '#state': 'state' },
        }),
      )
      .catch(() => undefined);
    const state = result?.Item?.state?.S;
    return state === 'paired' || state === 'logged_out' ? state : 'unpaired';
  }

  /** Applies the update only while `:attemptId` is the latest attempt and has not ended. */
  async #updateIfCurrent(
    identity: SessionIdentity,
    sets: string[],
    removes: string[],
    names: Record<string, string>,
    values: Record<string, AttributeValue>,
  ): Promise<boolean> {
    return conditionHeld(() =>
      whenServiceAvailable('the session store', () =>
        this.#client.send(
          new UpdateItemCommand({
            TableName: this.#tableName,
            Key: this.#key(identity),
            UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
            ConditionExpression: 'attemptId = :attemptId AND #state <> :ended',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        ),
      ),
    );
  }

  #key(identity: SessionIdentity): Record<string, AttributeValue> {
    return { [PK]: { S: sessionPartitionKey(identity) }, [SK]: { S: PAIRING_SORT_KEY } };
  }
}

function encodeAttempt(attempt: PairingAttempt): Record<string, AttributeValue> {
  return {
    attemptId: { S: attempt.attemptId },
    method: { S: attempt.method },
    state: { S: attempt.state },
    startedAt: { N: String(attempt.startedAt) },
    endsAt: { N: String(attempt.endsAt) },
    aliveUntil: { N: String(attempt.aliveUntil) },
    recentStarts: { L: attempt.recentStarts.map((at) => ({ N: String(at) })) },
    ...(attempt.qr !== undefined && { qr: { S: attempt.qr } }),
    ...(attempt.pairingCode !== undefined && { pairingCode: { S: attempt.pairingCode } }),
    ...(attempt.codeExpiresAt !== undefined && {
      codeExpiresAt: { N: String(attempt.codeExpiresAt) },
    }),
    ...(attempt.endReason !== undefined && { endReason: { S: attempt.endReason } }),
  };
}

/** An item this code did not write (or a half-written one) reads as no attempt. */
function decodeAttempt(item: Record<string, AttributeValue>): PairingAttempt | null {
  const state = item.state?.S as PairingAttempt['state'] | undefined;
  const method = item.method?.S;
  const attemptId = item.attemptId?.S;
  if (!attemptId || !state || !STATES.has(state) || (method !== 'qr' && method !== 'code')) {
    return null;
  }
  const number = (value: AttributeValue | undefined) =>
    value?.N === undefined ? undefined : Number(value.N);
  return {
    attemptId,
    method,
    state,
    startedAt: number(item.startedAt) ?? 0,
    endsAt: number(item.endsAt) ?? 0,
    aliveUntil: number(item.aliveUntil) ?? 0,
    recentStarts: (item.recentStarts?.L ?? [])
      .map((entry) => Number(entry.N))
      .filter((at) => Number.isFinite(at)),
    ...(item.qr?.S !== undefined && { qr: item.qr.S }),
    ...(item.pairingCode?.S !== undefined && { pairingCode: item.pairingCode.S }),
    ...(item.codeExpiresAt?.N !== undefined && { codeExpiresAt: Number(item.codeExpiresAt.N) }),
    ...(item.endReason?.S !== undefined && {
      endReason: item.endReason.S as PairingEndReason,
    }),
  };
}
