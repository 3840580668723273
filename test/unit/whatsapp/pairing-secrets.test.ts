import type { AuthenticationCreds } from 'baileys';
import { describe, expect, it } from 'vitest';
import { forgetPairingSecrets } from '../../../functions/whatsapp/pairing-secrets.ts';

/** Credentials as a pairing by code leaves them; `account` is set once the device is linked. */
function credsAfterCodePairing(linked: boolean): AuthenticationCreds {
  return {
    pairingCode: 'ABCD1234',
    pairingEphemeralKeyPair: { public: new Uint8Array(32), private: new Uint8Array(32) },
    ...(linked && { account: { details: new Uint8Array(1) } }),
  } as unknown as AuthenticationCreds;
}

describe('forgetPairingSecrets', () => {
  it('drops the pairing code and its ephemeral key from a linked device, and says so', () => {
    const creds = credsAfterCodePairing(true);

    const dropped = forgetPairingSecrets(creds);

    expect(dropped).toBe(true);
    expect(creds).not.toHaveProperty('pairingCode');
    expect(creds).not.toHaveProperty('pairingEphemeralKeyPair');
  });

  it('keeps them while the device is not linked yet: the pairing still needs them', () => {
    const creds = credsAfterCodePairing(false);

    const dropped = forgetPairingSecrets(creds);

    expect(dropped).toBe(false);
    expect(creds).toHaveProperty('pairingCode', 'ABCD1234');
  });

  it('reports nothing to save when a linked device holds no pairing secrets', () => {
    const creds = credsAfterCodePairing(true);
    forgetPairingSecrets(creds);

    const droppedAgain = forgetPairingSecrets(creds);

    expect(droppedAgain).toBe(false);
  });
});
