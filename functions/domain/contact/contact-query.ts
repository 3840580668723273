/** Who to look up: a normalised user JID, or the digits of an international number. */
export type ContactQuery = { kind: 'jid'; jid: string } | { kind: 'number'; digits: string };

/** The cache's sort key for a contact (numbers are aliases that point at a JID). */
export function contactCacheKey(query: ContactQuery): string {
  return query.kind === 'jid' ? `jid#${query.jid}` : `number#${query.digits}`;
}
