import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  paginateQuery,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { AccountRestriction } from '../domain/session/account-restriction.ts';
import { type SessionIdentity, sessionKey } from '../domain/session/session-identity.ts';
import {
  type PublicSessionStatus,
  type SessionEventPublisher,
  statusChange,
} from '../ports/session-events.ts';
import {
  SESSIONS_PK as PK,
  projectionOf,
  SESSION_INDEX_PARTITION,
  SESSION_STATUS_ATTRIBUTES,
  SESSIONS_SK as SK,
  STATUS_SORT_KEY,
  sessionPartitionKey,
} from '../resources/sessions-table-keys.ts';
import {
  ALL_RESTRICTION_ATTRIBUTES,
  BAN_ATTRIBUTES,
  RESTRICTION_ATTRIBUTES,
  restrictionOf,
  restrictionOfKind,
  restrictionUpdate,
} from './session-restriction-attributes.ts';

/**
 * What the operator and the worker need to know about a session without opening it:
 * `paired` (credentials stored, may connect), `logged_out` (WhatsApp revoked the link: requests
 * get 503 "re-pair this session", no reconnect loop), `unpaired` (never paired or cleared).
 */
export type SessionState = 'paired' | 'logged_out' | 'unpaired';

export interface SessionStatus {
  state: SessionState;
  updatedAt: string;
  /** The linked WhatsApp account, masked (personal data). */
  account?: string;
  /** Why it changed, for the operator (`logged out from the phone`, `paired by CLI`). */
  reason?: string;
  /**
   * The paired account's JID without device (`<digits>@s.whatsapp.net`), for the session's own
   * user (GET /session); never logged. Only while paired.
   */
  jid?: string;
  /** When the account was linked (ISO), kept across reconnects; only while paired. */
  pairedAt?: string;
  /** What WhatsApp holds against the paired account (see account-restriction.ts). */
  restriction?: AccountRestriction;
}

/** What a status write tells its `session.status` event, when it changes the state. */
export interface StatusChangeNote {
  /** The event's short reason code (see session-events.ts). */
  reason: string;
  /** The status the session showed before, when the stored state does not say it (`pairing`). */
  previousStatus?: PublicSessionStatus;
}

export class SessionStatusStore {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #events: SessionEventPublisher | undefined;

  /**
   * `events`: where a write that changes the stored state reports it, once (the write itself
   * returns the state it replaced, so two writers of one change cannot both report it).
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

  async get(identity: SessionIdentity): Promise<SessionStatus> {
    const result = await this.#client.send(
      new GetItemCommand({
        TableName: this.#tableName,
        Key: this.#key(identity),
        ConsistentRead: true,
        // Only what a status holds: the session function may read nothing else of the partition.
        ...projectionOf(SESSION_STATUS_ATTRIBUTES),
      }),
    );
    const item = result.Item;
    if (!item?.state?.S) return { state: 'unpaired', updatedAt: new Date(0).toISOString() };
    const restriction = item.state.S === 'paired' ? restrictionOf(item) : undefined;
    return {
      state: item.state.S as SessionState,
      updatedAt: item.updatedAt?.S ?? new Date(0).toISOString(),
      ...(item.account?.S && { account: item.account.S }),
      ...(item.reason?.S && { reason: item.reason.S }),
      ...(item.jid?.S && { jid: item.jid.S }),
      ...(item.pairedAt?.S && { pairedAt: item.pairedAt.S }),
      ...(restriction && { restriction }),
    };
  }

  /**
   * Writes the session's status item and its entry in the session index. A `paired` status
   * keeps the first `pairedAt` of the link (reconnects write it again) and a reach-out time
   * lock, and ends a temporary ban (written when the socket opens: the ban is over); any other
   * state removes the account's JID, `pairedAt` and every restriction.
   */
  async put(
    identity: SessionIdentity,
    status: Omit<SessionStatus, 'updatedAt' | 'pairedAt'>,
    note?: StatusChangeNote,
  ): Promise<void> {
    const updatedAt = new Date().toISOString();
    const paired = status.state === 'paired';
    const values: Record<string, AttributeValue> = {
      ':state': { S: status.state },
      ':updatedAt': { S: updatedAt },
    };
    const sets = ['#state = :state', 'updatedAt = :updatedAt'];
    const removes: string[] = [];
    for (const field of ['account', 'reason', 'jid'] as const) {
      const value = status[field];
      if (value && (paired || field !== 'jid')) {
        sets.push(`${field} = :${field}`);
        values[`:${field}`] = { S: value };
      } else {
        removes.push(field);
      }
    }
    if (paired) sets.push('pairedAt = if_not_exists(pairedAt, :updatedAt)');
    else removes.push('pairedAt');
    removes.push(...(paired ? BAN_ATTRIBUTES : ALL_RESTRICTION_ATTRIBUTES));
    const indexEntry: Record<string, AttributeValue> = {
      [PK]: { S: SESSION_INDEX_PARTITION },
      [SK]: { S: sessionKey(identity) },
      tenantId: { S: identity.tenantId },
      userId: { S: identity.userId },
      state: { S: status.state },
      updatedAt: { S: updatedAt },
    };
    const [updated] = await Promise.all([
      this.#client.send(
        new UpdateItemCommand({
          TableName: this.#tableName,
          Key: this.#key(identity),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_OLD',
        }),
      ),
      this.#client.send(new PutItemCommand({ TableName: this.#tableName, Item: indexEntry })),
    ]);
    const before = (updated.Attributes?.state?.S as SessionState | undefined) ?? 'unpaired';
    const jid = paired ? (status.jid ?? null) : null;
    if (this.#events && before !== status.state) {
      await this.#events.publish(
        statusChange(identity, {
          status: status.state,
          previous_status: note?.previousStatus ?? before,
          reason: note?.reason ?? status.state,
          jid,
        }),
      );
    } else if (this.#events && paired && restrictionOfKind(updated.Attributes, 'temporary_ban')) {
      const change = { previous_status: 'connecting', reason: 'temporary_ban_ended' } as const;
      await this.#events.publish(statusChange(identity, { status: 'paired', ...change, jid }));
    }
  }

  /**
   * Records what WhatsApp holds against a paired account (nothing for a session not paired),
   * and reports it once: again only when its end changes. A temporary ban shows the session as
   * `connecting` (it is not connected, and reconnects by itself when the ban ends).
   */
  async restrict(identity: SessionIdentity, restriction: AccountRestriction): Promise<void> {
    const update = restrictionUpdate(restriction);
    const old = await this.#updateIf(identity, {
      UpdateExpression: update.expression.replace(/^SET /, 'SET updatedAt = :now, '),
      ConditionExpression: '#state = :paired',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ...update.values,
        ':paired': { S: 'paired' },
        ':now': { S: new Date().toISOString() },
      },
    });
    if (!old) return;
    const known = restrictionOfKind(old, restriction.reason);
    if (!this.#events || (known && sameEnd(known.endsAt, restriction.endsAt))) return;
    const banned = restrictionOfKind(old, 'temporary_ban') !== undefined;
    const ban = restriction.reason === 'temporary_ban';
    await this.#events.publish(
      statusChange(identity, {
        status: ban || banned ? 'connecting' : 'paired',
        previous_status: banned ? 'connecting' : 'paired',
        reason: restriction.reason,
        jid: old?.jid?.S ?? null,
        restricted_until: restriction.endsAt ?? null,
      }),
    );
  }

  /** Ends a recorded reach-out time lock (WhatsApp lifted it, or it is over); reported once. */
  async endTimelock(identity: SessionIdentity): Promise<void> {
    const names = RESTRICTION_ATTRIBUTES.reachout_timelock;
    const old = await this.#updateIf(identity, {
      UpdateExpression: `REMOVE ${names.since}, ${names.endsAt}`,
      ConditionExpression: `attribute_exists(${names.since})`,
    });
    if (!old) return;
    const banned = restrictionOfKind(old, 'temporary_ban') !== undefined;
    await this.#events?.publish(
      statusChange(identity, {
        status: banned ? 'connecting' : 'paired',
        previous_status: banned ? 'connecting' : 'paired',
        reason: 'reachout_timelock_lifted',
        jid: old?.jid?.S ?? null,
      }),
    );
  }

  /** Every session last known as paired (the worker filters them by shard). */
  async listPaired(): Promise<SessionIdentity[]> {
    const identities: SessionIdentity[] = [];
    const pages = paginateQuery(
      { client: this.#client },
      {
        TableName: this.#tableName,
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: '#state = :paired',
        ExpressionAttributeNames: { '#pk': PK, '#state': 'state' },
        ExpressionAttributeValues: {
          ':pk': { S: SESSION_INDEX_PARTITION },
          ':paired': { S: 'paired' },
        },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const tenantId = item.tenantId?.S;
        const userId = item.userId?.S;
        if (tenantId && userId) identities.push({ tenantId, userId });
      }
    }
    return identities;
  }

  /** A conditional update of the status item: the item before it, or undefined if refused. */
  async #updateIf(
    identity: SessionIdentity,
    update: Pick<
      UpdateItemCommandInput,
      | 'UpdateExpression'
      | 'ConditionExpression'
      | 'ExpressionAttributeNames'
      | 'ExpressionAttributeValues'
    >,
  ): Promise<Record<string, AttributeValue> | undefined> {
    try {
      const result = await this.#client.send(
        new UpdateItemCommand({
          TableName: this.#tableName,
          Key: this.#key(identity),
          ...update,
          ReturnValues: 'ALL_OLD',
        }),
      );
      return result.Attributes ?? {};
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  #key(identity: SessionIdentity): Record<string, AttributeValue> {
    return { [PK]: { S: sessionPartitionKey(identity) }, [SK]: { S: STATUS_SORT_KEY } };
  }
}

/**
 * Whether two ends are one: WhatsApp counts a ban's expiry down in whole seconds, so the same ban
 * seen again (a worker restarting during it) may end a second or so apart.
 */
function sameEnd(known: string | undefined, seen: string | undefined): boolean {
  if (known === undefined || seen === undefined) return known === seen;
  return Math.abs(Date.parse(known) - Date.parse(seen)) < 60_000;
}
