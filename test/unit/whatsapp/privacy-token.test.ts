import type { WASocket } from 'baileys';
import { describe, expect, it } from 'vitest';
import { readPrivacyToken } from '../../../functions/whatsapp/privacy-token.ts';

/** The two parts of Baileys' socket the reader uses: its key store and its LID mapping. */
function socketWith(
  tokens: Record<string, { token: Buffer; timestamp: string }>,
  lid: string | null,
) {
  return {
    authState: {
      keys: {
        get: async (_type: string, ids: string[]) =>
          Object.fromEntries(ids.filter((id) => tokens[id]).map((id) => [id, tokens[id]])),
      },
    },
    signalRepository: { lidMapping: { getLIDForPN: async () => lid } },
  } as unknown as WASocket;
}

const now = () => String(Math.floor(Date.now() / 1000));

describe('readPrivacyToken', () => {
  it('finds the token Baileys stored under the contact LID', async () => {
    const socket = socketWith(
      { '2036@lid': { token: Buffer.from([1, 2]), timestamp: now() } },
      '2036@lid',
    );

    const token = await readPrivacyToken(socket, '5511987654321@s.whatsapp.net');

    expect(token?.token).toEqual(Buffer.from([1, 2]));
  });

  it('ignores a token older than four weeks', async () => {
    const old = String(Math.floor(Date.now() / 1000) - 29 * 24 * 3600);
    const socket = socketWith(
      { '2036@lid': { token: Buffer.from([1]), timestamp: old } },
      '2036@lid',
    );

    expect(await readPrivacyToken(socket, '2036@lid')).toBeUndefined();
  });

  it('returns nothing when the session holds no token for the contact', async () => {
    const socket = socketWith({}, null);

    expect(await readPrivacyToken(socket, '5511987654321@s.whatsapp.net')).toBeUndefined();
  });
});
