import type { WASocket } from 'baileys';
import type { PrivacyToken } from './user-info-query.ts';

/** WhatsApp Web stops sending a contact's token after 4 weekly buckets. */
const TOKEN_MAX_AGE_SECONDS = 28 * 24 * 3600;

/**
 * The privacy token (tctoken) the contact gave this session, if any and not expired: sent with
 * the user-sync query, it lets WhatsApp show what the contact's privacy settings allow us.
 * Baileys stores tokens under the contact's LID when it knows it.
 */
export async function readPrivacyToken(
  socket: WASocket,
  jid: string,
): Promise<PrivacyToken | undefined> {
  try {
    const lid = jid.endsWith('@lid')
      ? jid
      : await socket.signalRepository.lidMapping.getLIDForPN(jid).catch(() => null);
    const candidates = [...new Set([lid, jid].filter((value): value is string => Boolean(value)))];
    const stored = await socket.authState.keys.get('tctoken', candidates);
    for (const candidate of candidates) {
      const entry = stored[candidate];
      const timestamp = Number(entry?.timestamp);
      if (!entry?.token?.length || !Number.isFinite(timestamp)) continue;
      if (Date.now() / 1000 - timestamp > TOKEN_MAX_AGE_SECONDS) continue;
      return { token: entry.token, timestamp: String(entry.timestamp) };
    }
  } catch {
    // A missing token only means WhatsApp applies the contact's privacy settings in full.
  }
  return undefined;
}
