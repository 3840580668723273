import { Curve } from 'baileys';
import * as curve from 'libsignal/src/curve.js';

/** libsignal's public keys carry a type byte (5, Curve25519) before the 32 key bytes. */
const DJB_KEY_TYPE = 5;

/**
 * Baileys 7.0.0-rc14's `Curve.verify` calls libsignal's signature check and drops its verdict:
 * any well-formed signature passes. It is what checks the WhatsApp server's certificate chain in
 * the Noise handshake and the phone's account signature when a device is linked, so both
 * checks were no checks at all (whatsmeow makes both). This puts libsignal's verdict back, for
 * every socket this process opens; idempotent.
 */
export function enforceCurveSignatureChecks(): void {
  Curve.verify = verifyCurveSignature;
}

/** Whether `signature` is `publicKey`'s XEdDSA signature of `message` (Signal's Curve25519). */
export function verifyCurveSignature(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  const typed =
    publicKey.length === 33 ? publicKey : Buffer.concat([Buffer.of(DJB_KEY_TYPE), publicKey]);
  try {
    return curve.verifySignature(typed, message, signature) === true;
  } catch {
    // Malformed key, message or signature: not a valid signature.
    return false;
  }
}
