/**
 * What WhatsApp holds against a paired account, as GET /session, the `session.status` events and
 * a lookup's 429 name it: `temporary_ban` (WhatsApp refused the login with its temporary-ban
 * failure, reason 402) or `reachout_timelock` (WhatsApp's reach-out time lock, error 463).
 */
export type AccountRestrictionReason = 'temporary_ban' | 'reachout_timelock';

export interface AccountRestriction {
  reason: AccountRestrictionReason;
  /** When it was first seen (ISO). */
  since: string;
  /** When WhatsApp said it ends (ISO); absent when WhatsApp gave no expiry. */
  endsAt?: string;
  /** A temporary ban's reason code (101 ...), as WhatsApp sends it. */
  banCode?: number;
}

/**
 * What each temporary-ban code means, as WhatsApp's clients explain it to the account's owner
 * (the codes whatsmeow names); other codes are reported by number only.
 */
const TEMPORARY_BAN_CODES: Readonly<Record<number, string>> = {
  101: 'too many messages to people who do not have this number in their address book',
  102: 'too many people blocked this number',
  103: 'too many groups created with people who do not have this number in their address book',
  104: 'the same message sent to too many people',
  106: 'too many messages to a broadcast list',
};

/** A time as the restriction's fields hold it: ISO-8601 UTC to the second (WhatsApp's unit). */
export function restrictionTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}

/** Whether the restriction still holds at `now` (one without an expiry holds until lifted). */
export function restrictionHolds(restriction: AccountRestriction, now: number): boolean {
  return restriction.endsAt === undefined || Date.parse(restriction.endsAt) > now;
}

/** The temporary-ban code with its meaning, when WhatsApp's clients explain it. */
export function describeBanCode(code: number | undefined): string | undefined {
  if (code === undefined) return undefined;
  const meaning = TEMPORARY_BAN_CODES[code];
  return meaning ? `${code}: ${meaning}` : String(code);
}

/** One sentence for the caller of a lookup the restriction refused (never personal data). */
export function describeRestriction(restriction: AccountRestriction): string {
  const until = restriction.endsAt ? ` until ${restriction.endsAt}` : '';
  if (restriction.reason === 'temporary_ban') {
    const code = describeBanCode(restriction.banCode);
    return `WhatsApp has temporarily banned this session's account (temporary_ban${code ? `, ${code}` : ''})${until}; lookups resume when the ban ends; fresh cached profiles are still served`;
  }
  return `WhatsApp has time-locked this session's account (reachout_timelock)${until}; live lookups wait for its end; fresh cached profiles are still served`;
}
