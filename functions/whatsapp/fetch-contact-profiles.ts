import type { BusinessProfile, ContactProfile } from '../domain/contact/contact-profile.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import { NotFoundError } from '../domain/errors/app-errors.ts';
import { buildBusinessProfileQuery, parseBusinessProfileReply } from './business-profile-query.ts';
import {
  buildContactLookupBatchQuery,
  type ContactLookupResult,
  parseContactLookupBatchReply,
} from './contact-lookup-query.ts';
import {
  assembleProfile,
  contactJids,
  type ProfileFetchOptions,
  type StanzaTransport,
  send,
} from './fetch-contact-profile.ts';
import { replyErrorCode } from './map-whatsapp-error.ts';
import { buildUserInfoBatchQuery, parseUserInfoBatchReply } from './user-info-query.ts';

/**
 * Business-profile IQs in flight at once. whatsmeow and Baileys send that IQ for one contact
 * (one `<profile>`), so a batch sends one per contact on WhatsApp, a few at a time.
 */
export const BUSINESS_PROFILE_CONCURRENCY = 5;

/**
 * Many contacts' profiles in as few usync queries as WhatsApp takes: ONE contact lookup for all
 * the numbers, ONE user-info query with a `<user>` per distinct JID (whatsmeow's IsOnWhatsApp and
 * GetUserInfo take lists; neither splits them), then the business profile of each contact on
 * WhatsApp. One result per contact, in order: its profile, or the error that concerns it alone
 * (not on WhatsApp, or a query that failed). Nothing here fails the whole batch.
 */
export async function fetchContactProfiles(
  transport: StanzaTransport,
  contacts: ContactQuery[],
  options: ProfileFetchOptions,
): Promise<(ContactProfile | Error)[]> {
  const numbers = [
    ...new Set(contacts.flatMap((contact) => (contact.kind === 'number' ? [contact.digits] : []))),
  ];
  const lookups = await lookUpNumbers(transport, numbers, options);

  // The JID each contact is asked by (a number's is the phone-number JID WhatsApp uses).
  // The JID WhatsApp is asked about (`askJid`: what its lookup answered) and the one answered.
  type Target = { jid: string; askJid: string; lid?: string | undefined };
  const targets = contacts.map((contact): Target | Error => {
    if (contact.kind === 'jid') return contactJids(contact, undefined);
    if (lookups instanceof Error) return lookups;
    const found = lookups.get(contact.digits);
    if (!found) return new NotFoundError('the number is not on WhatsApp');
    return { ...contactJids(contact, found), lid: found.lid };
  });
  const lidOf = new Map<string, string | undefined>();
  for (const target of targets) {
    if (!(target instanceof Error) && !lidOf.has(target.askJid)) {
      lidOf.set(target.askJid, target.lid);
    }
  }
  const jids = [...lidOf.keys()];
  if (jids.length === 0) return targets.map((target) => target as Error);

  const users = await Promise.all(
    jids.map(async (jid) => ({
      jid,
      privacyToken: await options.privacyToken?.(jid, lidOf.get(jid)),
    })),
  );
  let infos: ReturnType<typeof parseUserInfoBatchReply>;
  try {
    const reply = await send(transport, buildUserInfoBatchQuery(users, options.nextSid()), options);
    infos = parseUserInfoBatchReply(reply, jids);
  } catch (error) {
    return targets.map((target) => (target instanceof Error ? target : (error as Error)));
  }

  const onWhatsApp = jids.filter((jid) => {
    const info = infos.get(jid);
    return info !== null && info !== undefined && !(info instanceof Error);
  });
  const businesses = await mapLimited(onWhatsApp, BUSINESS_PROFILE_CONCURRENCY, (jid) =>
    fetchBusinessProfile(transport, jid, options),
  );
  const businessOf = new Map(onWhatsApp.map((jid, index) => [jid, businesses[index]]));

  return targets.map((target) => {
    if (target instanceof Error) return target;
    const info = infos.get(target.askJid);
    if (info instanceof Error) return info;
    if (!info) return new NotFoundError('the contact is not on WhatsApp');
    const business = businessOf.get(target.askJid);
    if (business instanceof Error) return business;
    return assembleProfile(target.jid, info, business ?? null, target.lid, {
      ...options,
      ...(target.jid !== target.askJid && { rememberLid: undefined }),
    });
  });
}

async function lookUpNumbers(
  transport: StanzaTransport,
  numbers: string[],
  options: ProfileFetchOptions,
): Promise<Map<string, ContactLookupResult> | Error> {
  if (numbers.length === 0) return new Map();
  try {
    const reply = await send(
      transport,
      buildContactLookupBatchQuery(numbers, options.nextSid()),
      options,
    );
    return parseContactLookupBatchReply(reply, numbers);
  } catch (error) {
    return error as Error;
  }
}

async function fetchBusinessProfile(
  transport: StanzaTransport,
  jid: string,
  options: ProfileFetchOptions,
): Promise<BusinessProfile | null | Error> {
  try {
    return parseBusinessProfileReply(
      await send(transport, buildBusinessProfileQuery(jid), options),
    );
  } catch (error) {
    // item-not-found on this query means "not a business", not "no such contact".
    if (replyErrorCode(error) === 404) return null;
    return error as Error;
  }
}

/** Runs `work` over `items`, at most `limit` at a time; results in the items' order. */
async function mapLimited<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
