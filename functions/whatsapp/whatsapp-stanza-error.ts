/**
 * An error WhatsApp reported inside a reply stanza (`<error code="429" text="rate-overlimit"/>`),
 * or a reply we could not read. The adapter turns it into the contract's AppErrors; it never
 * reaches a client as is.
 */
export class WhatsAppStanzaError extends Error {
  override readonly name = 'WhatsAppStanzaError';
  readonly code: number;
  readonly text: string;
  /** Seconds WhatsApp asked us to back off for, when it said so. */
  readonly backoffSeconds: number | undefined;
  constructor(code: number, text: string, backoffSeconds?: number) {
    super(`WhatsApp replied ${code} ${text}`.trim());
    this.code = code;
    this.text = text;
    this.backoffSeconds = backoffSeconds;
  }
}

/** A reply whose shape we do not understand (missing list, wrong tag, ...). */
export function malformedReply(what: string): WhatsAppStanzaError {
  return new WhatsAppStanzaError(0, `malformed reply: ${what}`);
}
