import { randomBytes } from 'node:crypto';
import {
  type AuthenticationCreds,
  aesEncryptCTR,
  bytesToCrockford,
  derivePairingCodeKey,
  getCompanionPlatformId,
} from 'baileys';
import { type BinaryNode, childNode, nodeBytes } from './binary-node.ts';
import { DIRECTORY_READER_BROWSER } from './directory-reader-socket.ts';
import type { ProfileFetchOptions, StanzaTransport } from './fetch-contact-profile.ts';
import { send } from './fetch-contact-profile.ts';
import { WHATSAPP_SERVER } from './usync-query.ts';
import { malformedReply } from './whatsapp-stanza-error.ts';

/**
 * The companion's hello of a phone-number pairing (`link_code_companion_reg`, stage
 * `companion_hello`), as whatsmeow's PairPhone and Baileys' requestPairingCode build it: the
 * pairing ephemeral key wrapped with a key derived from the code the user will type, the
 * device's Noise key, its platform id and display name.
 */
export function buildPairingCodeRequest(
  phoneJid: string,
  wrappedEphemeralKey: Uint8Array,
  noiseKey: Uint8Array,
): BinaryNode {
  const [os, browser] = DIRECTORY_READER_BROWSER;
  return {
    tag: 'iq',
    attrs: { to: WHATSAPP_SERVER, type: 'set', xmlns: 'md' },
    content: [
      {
        tag: 'link_code_companion_reg',
        attrs: { jid: phoneJid, stage: 'companion_hello', should_show_push_notification: 'true' },
        content: [
          {
            tag: 'link_code_pairing_wrapped_companion_ephemeral_pub',
            attrs: {},
            content: wrappedEphemeralKey,
          },
          { tag: 'companion_server_auth_key_pub', attrs: {}, content: noiseKey },
          {
            tag: 'companion_platform_id',
            attrs: {},
            content: getCompanionPlatformId(DIRECTORY_READER_BROWSER),
          },
          { tag: 'companion_platform_display', attrs: {}, content: `${browser} (${os})` },
          { tag: 'link_code_pairing_nonce', attrs: {}, content: '0' },
        ],
      },
    ],
  };
}

/**
 * Asks WhatsApp for a phone-number pairing and returns the code to show once WhatsApp accepted
 * it, as whatsmeow's PairPhone does: the hello is sent as a query, a refusal is thrown (400, 429,
 * ...) and an answer without `link_code_pairing_ref` is malformed, so no code that cannot work
 * is ever shown. (Baileys' own requestPairingCode sends the hello without waiting.) The code and
 * the phone's JID stay in memory, on the socket's credentials, where Baileys' handler of the
 * phone's answer reads them; they are not announced as a credentials update.
 */
export async function requestPairingCode(
  transport: StanzaTransport,
  creds: AuthenticationCreds,
  phoneDigits: string,
  options: Pick<ProfileFetchOptions, 'queryTimeoutMs' | 'signal'>,
): Promise<string> {
  const code = bytesToCrockford(randomBytes(5));
  const phoneJid = `${phoneDigits}@s.whatsapp.net`;
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const key = await derivePairingCodeKey(code, salt);
  const wrapped = Buffer.concat([
    salt,
    iv,
    aesEncryptCTR(creds.pairingEphemeralKeyPair.public, key, iv),
  ]);
  creds.pairingCode = code;
  creds.me = { id: phoneJid };
  const reply = await send(
    transport,
    buildPairingCodeRequest(phoneJid, wrapped, creds.noiseKey.public),
    options,
  );
  const ref = nodeBytes(
    childNode(childNode(reply, 'link_code_companion_reg'), 'link_code_pairing_ref'),
  );
  if (!ref?.length) throw malformedReply('pairing-code answer without link_code_pairing_ref');
  return code;
}
