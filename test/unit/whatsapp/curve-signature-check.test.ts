import { Curve } from 'baileys';
import { describe, expect, it } from 'vitest';
import {
  enforceCurveSignatureChecks,
  verifyCurveSignature,
} from '../../../functions/whatsapp/curve-signature-check.ts';

const message = Buffer.from('leaf certificate details');
const other = Buffer.from('some other details');

describe('verifyCurveSignature', () => {
  it('accepts the signer key signature of the message, with or without the key type byte', () => {
    const signer = Curve.generateKeyPair();
    const signature = Curve.sign(signer.private, message);

    expect(verifyCurveSignature(signer.public, message, signature)).toBe(true);
    expect(
      verifyCurveSignature(Buffer.concat([Buffer.of(5), signer.public]), message, signature),
    ).toBe(true);
  });

  it('refuses a signature over another message, by another key, or malformed', () => {
    const signer = Curve.generateKeyPair();
    const stranger = Curve.generateKeyPair();
    const signature = Curve.sign(signer.private, message);

    expect(verifyCurveSignature(signer.public, other, signature)).toBe(false);
    expect(verifyCurveSignature(stranger.public, message, signature)).toBe(false);
    expect(verifyCurveSignature(signer.public, message, signature.subarray(0, 63))).toBe(false);
    expect(verifyCurveSignature(signer.public.subarray(0, 31), message, signature)).toBe(false);
  });
});

describe('enforceCurveSignatureChecks', () => {
  it("makes Baileys' own Curve.verify refuse a signature over another message", () => {
    // prepare: Baileys 7.0.0-rc14 alone lets it through (it drops libsignal's verdict)
    const signer = Curve.generateKeyPair();
    const signature = Curve.sign(signer.private, message);
    const before = Curve.verify(signer.public, other, signature);

    // act
    enforceCurveSignatureChecks();

    // assert
    expect(before).toBe(true);
    expect(Curve.verify(signer.public, other, signature)).toBe(false);
    expect(Curve.verify(signer.public, message, signature)).toBe(true);
  });
});
