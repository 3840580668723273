import { proto } from 'baileys';
import { type BinaryNode, childNode, nodeBytes } from './binary-node.ts';

/** The contract's VerifiedName: certificate bytes as base64, 64-bit integers as strings. */
export type VerifiedName = {
  Certificate: { Details: string; Signature: string; ServerSignature?: string };
  Details: {
    Serial: string;
    Issuer: string;
    VerifiedName: string;
    LocalizedNames: { Lg: string; Lc: string; VerifiedName: string }[];
    IssueTime: string;
  };
};

const longsAsStrings = { longs: String, bytes: String, defaults: true } as const;

/**
 * Decodes `<business><verified_name>certificate</verified_name></business>` from a usync reply:
 * the bytes are a VerifiedNameCertificate protobuf whose `details` field is itself a serialized
 * Details message. Decoded with Baileys' generated protobuf classes; a business without a
 * certificate, or a non-business, is null.
 */
export function parseVerifiedName(businessNode: BinaryNode | undefined): VerifiedName | null {
  const certificateBytes = nodeBytes(childNode(businessNode, 'verified_name'));
  if (!certificateBytes || certificateBytes.length === 0) return null;
  const certificate = proto.VerifiedNameCertificate.decode(certificateBytes);
  const details = proto.VerifiedNameCertificate.Details.decode(
    certificate.details ?? new Uint8Array(),
  );
  const plain = proto.VerifiedNameCertificate.Details.toObject(details, longsAsStrings) as {
    serial?: string;
    issuer?: string;
    verifiedName?: string;
    localizedNames?: { lg?: string; lc?: string; verifiedName?: string }[];
    issueTime?: string;
  };
  const base64 = (bytes: Uint8Array | null | undefined) =>
    Buffer.from(bytes ?? []).toString('base64');
  return {
    Certificate: {
      Details: base64(certificate.details),
      Signature: base64(certificate.signature),
      ...(certificate.serverSignature?.length
        ? { ServerSignature: base64(certificate.serverSignature) }
        : {}),
    },
    Details: {
      Serial: String(plain.serial ?? '0'),
      Issuer: plain.issuer ?? '',
      VerifiedName: plain.verifiedName ?? '',
      LocalizedNames: (plain.localizedNames ?? []).map((name) => ({
        Lg: name.lg ?? '',
        Lc: name.lc ?? '',
        VerifiedName: name.verifiedName ?? '',
      })),
      IssueTime: String(plain.issueTime ?? '0'),
    },
  };
}
