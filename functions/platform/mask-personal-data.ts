/**
 * Phone numbers, JIDs and tokens are personal data: logs carry masked forms only, enough to
 * correlate a support case (first and last two digits) and nothing more.
 */
export function maskDigits(digits: string): string {
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${digits.slice(0, 2)}${'*'.repeat(digits.length - 4)}${digits.slice(-2)}`;
}

export function maskJid(jid: string): string {
  const at = jid.indexOf('@');
  if (at === -1) return maskDigits(jid);
  return `${maskDigits(jid.slice(0, at))}${jid.slice(at)}`;
}

/** A token hash prefix identifies a token in logs without revealing it. */
export function tokenFingerprint(tokenHash: string): string {
  return `sha256:${tokenHash.slice(0, 8)}`;
}

/**
 * A tenant or user id from a message that was refused: whatever a forger put there (it may be
 * a phone number or a JID), so only its first two characters and its length are logged.
 */
export function maskIdentifier(value: unknown): string {
  if (typeof value !== 'string') return typeof value;
  return `${value.slice(0, 2)}…(${value.length})`;
}
