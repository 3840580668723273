import { Curve, proto } from 'baileys';
import { enforceCurveSignatureChecks, verifyCurveSignature } from './curve-signature-check.ts';

type Details = proto.CertChain.NoiseCertificate.IDetails;

/** What a handshake showed so far: the server's static key, and the leaf it asked us to verify. */
interface HandshakeSeen {
  serverStatic: Uint8Array | undefined;
  leaf: Uint8Array | undefined;
}

/**
 * The rest of whatsmeow's `verifyServerCert`, which Baileys 7.0.0-rc14's Noise handler leaves
 * out: besides the two signatures (see curve-signature-check.ts) the leaf certificate must name
 * the server static key the handshake decrypted, name the intermediate as its issuer, and both
 * must be within their validity dates. Baileys' handler never decodes the leaf, so these checks
 * ride on the calls it makes, in order and without awaiting in between: `Curve.sharedKey` with
 * the decrypted server static key, `Curve.verify` of the leaf with the intermediate's key, then
 * `Curve.verify` of the intermediate with WhatsApp's root key. The last one answers false when the chain fails any check, so Baileys ends the
 * handshake ("noise intermediate certificate signature invalid") before it sends its login.
 * It includes libsignal's verdict on every signature (curve-signature-check.ts); idempotent.
 */
export function enforceServerCertificateChecks(): void {
  enforceCurveSignatureChecks();
  Curve.sharedKey = watchedSharedKey;
  Curve.verify = checkedVerify;
}

const seen: HandshakeSeen = { serverStatic: undefined, leaf: undefined };
let previous: { publicKey: Uint8Array; message: Uint8Array } | undefined;
const baileysSharedKey = Curve.sharedKey;

function watchedSharedKey(
  privateKey: Uint8Array,
  publicKey: Uint8Array,
): ReturnType<typeof Curve.sharedKey> {
  seen.serverStatic = publicKey;
  return baileysSharedKey(privateKey, publicKey);
}

/**
 * The intermediate's verification is recognised by its content, not by the root key: its
 * details name the key that just verified the leaf (Baileys verifies the leaf with the
 * intermediate's own key, then the intermediate).
 */
function checkedVerify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const valid = verifyCurveSignature(publicKey, message, signature);
  const leaf = previous;
  previous = { publicKey, message };
  if (!leaf || !namesKey(message, leaf.publicKey)) return valid;
  previous = undefined;
  seen.leaf = leaf.message;
  return valid && chainHolds(message, seen.leaf, seen.serverStatic, Date.now() / 1000);
}

function namesKey(details: Uint8Array, key: Uint8Array): boolean {
  try {
    const named = proto.CertChain.NoiseCertificate.Details.decode(details).key;
    return named !== undefined && named !== null && Buffer.from(named).equals(Buffer.from(key));
  } catch {
    return false;
  }
}

/** whatsmeow's checks of the decoded chain beyond its signatures. */
export function chainHolds(
  intermediateDetails: Uint8Array,
  leafDetails: Uint8Array | undefined,
  serverStatic: Uint8Array | undefined,
  nowSeconds: number,
): boolean {
  if (!leafDetails || !serverStatic) return false;
  try {
    const decode = proto.CertChain.NoiseCertificate.Details.decode;
    const intermediate = decode(intermediateDetails);
    const leaf = decode(leafDetails);
    return (
      leaf.issuerSerial === intermediate.serial &&
      Buffer.from(leaf.key ?? []).equals(Buffer.from(serverStatic)) &&
      withinValidity(intermediate, nowSeconds) &&
      withinValidity(leaf, nowSeconds)
    );
  } catch {
    return false;
  }
}

function withinValidity(details: Details, nowSeconds: number): boolean {
  return (
    Number(details.notBefore ?? 0) <= nowSeconds && nowSeconds <= Number(details.notAfter ?? 0)
  );
}
