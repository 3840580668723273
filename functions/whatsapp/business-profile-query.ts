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
 * Reads the reply: null for a contact that is not a business (no profile, an empty one, or
 * item-not-found); otherwise every field in the contract's shape, all categories, all websites,
 * hours in minutes from midnight.
 */
export function parseBusinessProfileReply(reply: BinaryNode): BusinessProfile | null {
  const iqError = reply.attrs.type === 'error' ? stanzaError(reply) : undefined;
  if (iqError?.code === 404) return null;
  if (iqError) throw new WhatsAppStanzaError(iqError.code, iqError.text);
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
    ProfileOptions: Object.fromEntries(
      childNodes(childNode(profile, 'profile_options'))
        .filter((option) => !Array.isArray(option.content))
        .map((option) => [option.tag, nodeText(option)]),
    ),
    BusinessHoursTimeZone: hours?.attrs.timezone ?? '',
    BusinessHours: childrenByTag(hours, 'business_hours_config').map((config) => ({
      DayOfWeek: config.attrs.day_of_week ?? '',
      Mode: config.attrs.mode ?? '',
      OpenTime: minutes(config.attrs.open_time),
      CloseTime: minutes(config.attrs.close_time),
    })),
    Description: nodeText(childNode(profile, 'description')),
    Website: childrenByTag(profile, 'website')
      .map((website) => nodeText(website))
      .filter((url) => url.length > 0),
  };
}

/** Hours come as minutes from midnight; absent for modes such as open_24h. */
function minutes(value: string | undefined): number {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isInteger(parsed) ? parsed : 0;
}
