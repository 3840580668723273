import type { BusinessProfile } from '../domain/contact/contact-profile.ts';
import {
  type BinaryNode,
  childNode,
  childNodes,
  childrenByTag,
  nodeText,
  stanzaError,
} from './binary-node.ts';
import { WHATSAPP_SERVER } from './usync-query.ts';
import { WhatsAppStanzaError } from './whatsapp-stanza-error.ts';

/** Version of the business-profile query WhatsApp Web sends today. */
export const BUSINESS_PROFILE_QUERY_VERSION = '244';

/** The business-profile IQ (`xmlns="w:biz"`) for one contact. */
export function buildBusinessProfileQuery(jid: string): BinaryNode {
  return {
    tag: 'iq',
    attrs: { to: WHATSAPP_SERVER, type: 'get', xmlns: 'w:biz' },
    content: [
      {
        tag: 'business_profile',
        attrs: { v: BUSINESS_PROFILE_QUERY_VERSION },
        content: [{ tag: 'profile', attrs: { jid } }],
      },
    ],
  };
}

/**
 * Reads the reply: null for a contact that is not a business (no profile, an empty one, or a
 * `<profile>` refused with item-not-found; a refused IQ is thrown by Baileys, and its 404 read
 * by the caller as "not a business"); otherwise every field in the contract's shape, all categories, all websites,
 * all profile options, hours as strings of minutes from midnight.
 */
export function parseBusinessProfileReply(reply: BinaryNode): BusinessProfile | null {
  const businessProfile = childNode(reply, 'business_profile');
  const profile = childNode(businessProfile, 'profile');
  const profileError = stanzaError(profile);
  if (profileError?.code === 404) return null;
  if (profileError) throw new WhatsAppStanzaError(profileError.code, profileError.text);
  const jid = profile?.attrs.jid;
  if (!profile || !jid || childNodes(profile).length === 0) return null;

  const hours = childNode(profile, 'business_hours');
  return {
    JID: jid,
    Address: nodeText(childNode(profile, 'address')),
    Email: nodeText(childNode(profile, 'email')),
    Categories: childrenByTag(childNode(profile, 'categories'), 'category').map((category) => ({
      ID: category.attrs.id ?? '',
      Name: nodeText(category),
    })),
    // Every option WhatsApp sends, "" for one without text (one holding child nodes, such as
    // bot_fields, included), as whatsmeow keeps them.
    ProfileOptions: Object.fromEntries(
      childNodes(childNode(profile, 'profile_options')).map((option) => [
        option.tag,
        nodeText(option),
      ]),
    ),
    BusinessHoursTimeZone: hours?.attrs.timezone ?? '',
    BusinessHours: childrenByTag(hours, 'business_hours_config').map((config) => ({
      DayOfWeek: config.attrs.day_of_week ?? '',
      Mode: config.attrs.mode ?? '',
      // Minutes after midnight as WhatsApp writes them ("420"); "" when absent (open_24h, …),
      // so an absent time cannot be mistaken for midnight. Strings, as in whatsmeow.
      OpenTime: config.attrs.open_time ?? '',
      CloseTime: config.attrs.close_time ?? '',
    })),
    Description: nodeText(childNode(profile, 'description')),
    Website: childrenByTag(profile, 'website')
      .map((website) => nodeText(website))
      .filter((url) => url.length > 0),
  };
}
