import { proto } from 'baileys';
import { type BinaryNode, childNode, nodeBytes } from './binary-node.ts';

/** A localized verified name, with protobuf JSON names as whatsmeow writes it. */
export interface LocalizedName {
  lg?: string;
  lc?: string;
  verifiedName?: string;
}

/**
 * whatsmeow's `types.VerifiedName` as Go's encoding/json writes it: the two protobuf messages
 * under their protobuf JSON names, each field omitted when absent or empty, bytes as base64 and
 * (the contract's one exception) 64-bit integers as decimal strings.
 */
export type VerifiedName = {
  Certificate: { details?: string; signature?: string; serverSignature?: string };
  Details: {
    serial?: string;
    issuer?: string;
    verifiedName?: string;
    localizedNames?: LocalizedName[];
    issueTime?: string;
  };
};

const protobufJson = { longs: String, bytes: String, defaults: false } as const;

/**
 * Decodes `<business><verified_name>certificate</verified_name></business>` from a usync reply:
 * the bytes are a VerifiedNameCertificate protobuf whose `details` field is itself a serialized
 * Details message. Null for a non-business or a business without a certificate; throws when the
 * bytes do not decode (the caller degrades to null and logs, as whatsmeow does).
 */
export function parseVerifiedName(businessNode: BinaryNode | undefined): VerifiedName | null {
  const certificateBytes = nodeBytes(childNode(businessNode, 'verified_name'));
  if (!certificateBytes || certificateBytes.length === 0) return null;
  const certificate = proto.VerifiedNameCertificate.decode(certificateBytes);
  const details = proto.VerifiedNameCertificate.Details.decode(
    certificate.details ?? new Uint8Array(),
  );
  const certificateJson = proto.VerifiedNameCertificate.toObject(certificate, protobufJson);
  const detailsJson = proto.VerifiedNameCertificate.Details.toObject(details, protobufJson);
  return {
    Certificate: withoutEmpty({
      details: certificateJson.details,
      signature: certificateJson.signature,
      serverSignature: certificateJson.serverSignature,
    }),
    Details: withoutEmpty({
      serial: decimal(detailsJson.serial),
      issuer: detailsJson.issuer,
      verifiedName: detailsJson.verifiedName,
      localizedNames: (detailsJson.localizedNames as LocalizedName[] | undefined)?.map((name) =>
        withoutEmpty({ lg: name.lg, lc: name.lc, verifiedName: name.verifiedName }),
      ),
      issueTime: decimal(detailsJson.issueTime),
    }),
  };
}

function decimal(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

/** Go's `omitempty`: drops undefined, "" and []. */
function withoutEmpty<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(
      ([, value]) =>
        value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0),
    ),
  ) as T;
}
