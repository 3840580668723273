import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type {
  AccountRestriction,
  AccountRestrictionReason,
} from '../domain/session/account-restriction.ts';

/**
 * How a paired account's restriction sits on its status item: a temporary ban and the
 * reach-out time lock each in attributes of their own, so a status write on connect can drop
 * the ban (connected means it is over) and keep a time lock (which outlives reconnects).
 */
export const RESTRICTION_ATTRIBUTES = {
  temporary_ban: { since: 'bannedAt', endsAt: 'banEndsAt', code: 'banCode' },
  reachout_timelock: { since: 'timelockedAt', endsAt: 'timelockEndsAt' },
} as const satisfies Record<
  AccountRestrictionReason,
  { since: string; endsAt: string; code?: string }
>;

/** Every restriction attribute, for a status write that ends them all (not paired any more). */
export const ALL_RESTRICTION_ATTRIBUTES = [
  'bannedAt',
  'banEndsAt',
  'banCode',
  'timelockedAt',
  'timelockEndsAt',
];

/** The ban's attributes, which a paired status write (the socket opened) removes. */
export const BAN_ATTRIBUTES = ['bannedAt', 'banEndsAt', 'banCode'];

/** The restriction of one kind an item holds, if any. */
export function restrictionOfKind(
  item: Record<string, AttributeValue> | undefined,
  reason: AccountRestrictionReason,
): AccountRestriction | undefined {
  const names: { since: string; endsAt: string; code?: string } = RESTRICTION_ATTRIBUTES[reason];
  const since = item?.[names.since]?.S;
  if (!since) return undefined;
  const endsAt = item?.[names.endsAt]?.S;
  const code = names.code ? Number(item?.[names.code]?.N) : Number.NaN;
  return {
    reason,
    since,
    ...(endsAt && { endsAt }),
    ...(Number.isFinite(code) && { banCode: code }),
  };
}

/** What an item holds against the account: a temporary ban wins over a time lock. */
export function restrictionOf(
  item: Record<string, AttributeValue> | undefined,
): AccountRestriction | undefined {
  return restrictionOfKind(item, 'temporary_ban') ?? restrictionOfKind(item, 'reachout_timelock');
}

/** The UpdateItem expression that records a restriction (its first `since` is kept). */
export function restrictionUpdate(restriction: AccountRestriction): {
  expression: string;
  values: Record<string, AttributeValue>;
} {
  const names: { since: string; endsAt: string; code?: string } =
    RESTRICTION_ATTRIBUTES[restriction.reason];
  const sets = [`${names.since} = if_not_exists(${names.since}, :since)`];
  const removes: string[] = [];
  const values: Record<string, AttributeValue> = { ':since': { S: restriction.since } };
  if (restriction.endsAt) {
    sets.push(`${names.endsAt} = :endsAt`);
    values[':endsAt'] = { S: restriction.endsAt };
  } else {
    removes.push(names.endsAt);
  }
  if (names.code && restriction.banCode !== undefined) {
    sets.push(`${names.code} = :code`);
    values[':code'] = { N: String(restriction.banCode) };
  } else if (names.code) {
    removes.push(names.code);
  }
  const remove = removes.length ? ` REMOVE ${removes.join(', ')}` : '';
  return { expression: `SET ${sets.join(', ')}${remove}`, values };
}
