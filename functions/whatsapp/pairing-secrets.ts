import type { AuthenticationCreds } from 'baileys';

/**
 * Drops what a pairing by code leaves in the credentials of a device that is now linked (the
 * code the user typed and the pairing ephemeral key): a linked device never uses them again.
 * Returns whether anything was dropped (the credentials then need saving).
 */
export function forgetPairingSecrets(creds: AuthenticationCreds): boolean {
  const held = creds as { pairingCode?: string; pairingEphemeralKeyPair?: unknown };
  if (!creds.account) return false;
  if (held.pairingCode === undefined && held.pairingEphemeralKeyPair === undefined) return false;
  delete held.pairingCode;
  delete held.pairingEphemeralKeyPair;
  return true;
}
