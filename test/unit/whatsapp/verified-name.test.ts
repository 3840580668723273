import { proto } from 'baileys';
import { describe, expect, it } from 'vitest';
import type { BinaryNode } from '../../../functions/whatsapp/binary-node.ts';
import { parseVerifiedName } from '../../../functions/whatsapp/verified-name.ts';

/** `<business><verified_name>` holding a certificate signed over the given details. */
function businessNode(details: proto.VerifiedNameCertificate.IDetails): BinaryNode {
  const certificate = proto.VerifiedNameCertificate.encode({
    details: proto.VerifiedNameCertificate.Details.encode(details).finish(),
    signature: new Uint8Array([1, 2, 3]),
  }).finish();
  return {
    tag: 'business',
    attrs: {},
    content: [{ tag: 'verified_name', attrs: { v: '1' }, content: certificate }],
  };
}

describe('parseVerifiedName', () => {
  it("decodes the certificate and its details as whatsmeow's JSON writes them", () => {
    const node = businessNode({
      serial: '7392384102937746123' as unknown as number,
      issuer: 'smb:wa',
      verifiedName: 'Acme Bakery',
      localizedNames: [{ lg: 'pt', lc: 'BR', verifiedName: 'Padaria Acme' }],
    });

    const verified = parseVerifiedName(node);

    expect(verified?.Details).toEqual({
      serial: '7392384102937746123',
      issuer: 'smb:wa',
      verifiedName: 'Acme Bakery',
      localizedNames: [{ lg: 'pt', lc: 'BR', verifiedName: 'Padaria Acme' }],
    });
    expect(verified?.Certificate.signature).toBe(Buffer.from([1, 2, 3]).toString('base64'));
    expect(verified?.Certificate.details).toEqual(expect.any(String));
  });

  it('omits empty fields, as Go omits them', () => {
    const verified = parseVerifiedName(businessNode({ verifiedName: 'Acme' }));

    expect(verified?.Details).toEqual({ verifiedName: 'Acme' });
    expect(verified?.Certificate).not.toHaveProperty('serverSignature');
  });

  it('is null for a business without a certificate, and for no business at all', () => {
    const results = [
      parseVerifiedName({ tag: 'business', attrs: {} }),
      parseVerifiedName(undefined),
    ];

    expect(results).toEqual([null, null]);
  });

  it('throws on bytes that do not decode, for the caller to degrade', () => {
    const node: BinaryNode = {
      tag: 'business',
      attrs: {},
      content: [{ tag: 'verified_name', attrs: {}, content: Buffer.from('CgX/////', 'base64') }],
    };

    expect(() => parseVerifiedName(node)).toThrow();
  });
});
