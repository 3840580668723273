import { type BinaryNode, childNode, nodeText } from './binary-node.ts';
import { buildUsyncIq, readUsyncReply } from './usync-query.ts';
import { WhatsAppStanzaError } from './whatsapp-stanza-error.ts';

/** What WhatsApp's contact lookup says about a number that is on WhatsApp. */
export interface ContactLookupResult {
  /** The phone-number JID WhatsApp uses (Brazil's ninth digit, Mexico's `1`, … resolved). */
  phoneJid: string | undefined;
  /** The contact's linked identity, when WhatsApp answered in LID addressing. */
  lid: string | undefined;
}

/**
 * WhatsApp's contact lookup, as whatsmeow's IsOnWhatsApp sends it today: a usync `query` in the
 * `interactive` context asking for `<contact addressing_mode="lid"/>` (plus the verified name,
 * disappearing mode and username protocols it asks for alongside), with the number written as
 * the legacy JID `+<digits>@c.us`. In LID addressing WhatsApp may answer with the contact's
 * `@lid` JID and the phone-number JID in `pn_jid`.
 */
export function buildContactLookupQuery(digits: string, sid: string): BinaryNode {
  return buildContactLookupBatchQuery([digits], sid);
}

/** The same lookup for many numbers: one `<user>` per number, as IsOnWhatsApp takes a list. */
export function buildContactLookupBatchQuery(numbers: string[], sid: string): BinaryNode {
  return buildUsyncIq({
    sid,
    mode: 'query',
    context: 'interactive',
    protocols: [
      { tag: 'contact', attrs: { addressing_mode: 'lid' } },
      { tag: 'business', attrs: {}, content: [{ tag: 'verified_name', attrs: {} }] },
      { tag: 'disappearing_mode', attrs: {} },
      { tag: 'username', attrs: {} },
    ],
    users: numbers.map((digits) => ({
      tag: 'user',
      attrs: {},
      content: [{ tag: 'contact', attrs: {}, content: `+${digits}@c.us` }],
    })),
  });
}

/**
 * Reads either answer: `<user jid="…@s.whatsapp.net">`, or `<user jid="…@lid"
 * pn_jid="…@s.whatsapp.net">`. Null when the number is not on WhatsApp (`type="out"`).
 */
export function parseContactLookupReply(reply: BinaryNode): ContactLookupResult | null {
  const { users, protocolErrors } = readUsyncReply(reply);
  // The contact protocol is what answers the question; the others asked alongside may fail.
  const contactError = protocolErrors.get('contact');
  if (contactError) throw new WhatsAppStanzaError(contactError.code, contactError.text);
  for (const user of users) {
    const jid = user.attrs.jid ?? '';
    const pnJid = user.attrs.pn_jid ?? '';
    if (!jid && !pnJid) continue;
    if (childNode(user, 'contact')?.attrs.type !== 'in') continue;
    const lid = [jid, pnJid].find((value) => value.endsWith('@lid'));
    const phoneJid = [pnJid, jid].find((value) => value.endsWith('@s.whatsapp.net'));
    return { phoneJid, lid };
  }
  return null;
}

/**
 * Reads the answer to buildContactLookupBatchQuery: each number WhatsApp knows, by its digits
 * as asked (WhatsApp echoes the query in `<contact>`, with or without `@c.us`). A number that is
 * missing from the map is not on WhatsApp.
 */
export function parseContactLookupBatchReply(
  reply: BinaryNode,
  numbers: string[],
): Map<string, ContactLookupResult> {
  const { users, protocolErrors } = readUsyncReply(reply);
  const contactError = protocolErrors.get('contact');
  if (contactError) throw new WhatsAppStanzaError(contactError.code, contactError.text);
  const found = new Map<string, ContactLookupResult>();
  for (const user of users) {
    const jid = user.attrs.jid ?? '';
    const pnJid = user.attrs.pn_jid ?? '';
    const contact = childNode(user, 'contact');
    if ((!jid && !pnJid) || contact?.attrs.type !== 'in') continue;
    const echoed = nodeText(contact)
      .replace(/@c\.us$/, '')
      .replace(/^\+/, '');
    // A reply without the echo can still be matched when only one number was asked.
    const asked = echoed || (numbers.length === 1 ? numbers[0] : undefined);
    if (!asked) continue;
    const lid = [jid, pnJid].find((value) => value.endsWith('@lid'));
    const phoneJid = [pnJid, jid].find((value) => value.endsWith('@s.whatsapp.net'));
    found.set(asked, { phoneJid, lid });
  }
  return found;
}
