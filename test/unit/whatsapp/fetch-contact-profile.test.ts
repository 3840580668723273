import { describe, expect, it } from 'vitest';
import { contactProfileSchema } from '../../../functions/domain/contact/contact-profile.ts';
import type { ContactQuery } from '../../../functions/domain/contact/contact-query.ts';
import { parseContact } from '../../../functions/domain/contact/parse-contact.ts';
import {
  NotFoundError,
  RateLimitedError,
  UpstreamTimeoutError,
} from '../../../functions/domain/errors/app-errors.ts';
import type { BinaryNode } from '../../../functions/whatsapp/binary-node.ts';
import { childNode, nodeText } from '../../../functions/whatsapp/binary-node.ts';
import {
  fetchContactProfile,
  type ProfileFetchOptions,
  type StanzaTransport,
} from '../../../functions/whatsapp/fetch-contact-profile.ts';
import { mapWhatsAppError } from '../../../functions/whatsapp/map-whatsapp-error.ts';
import { handedOverByBaileys } from '../../support/whatsapp/handed-over-by-baileys.ts';
import { fixtureNode } from '../../support/whatsapp/stanza-fixtures.ts';

type Replies = { contact?: string; usync?: string; business?: string };

/** Answers each query kind with a fixture, the way the socket would; records what was sent. */
function fixtureTransport(replies: Replies) {
  const sent: BinaryNode[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const transport: StanzaTransport = {
    async query(node) {
      sent.push(node);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      const usync = Array.isArray(node.content) ? node.content[0] : undefined;
      const name =
        node.attrs.xmlns === 'w:biz'
          ? replies.business
          : usync?.attrs.mode === 'query'
            ? replies.contact
            : replies.usync;
      if (!name) throw new Error(`no reply for ${node.attrs.xmlns}`);
      return handedOverByBaileys(fixtureNode(name));
    },
  };
  return { transport, sent, maxInFlight: () => maxInFlight };
}

let sid = 0;
const options = (signal = new AbortController().signal) => ({
  queryTimeoutMs: 1_000,
  signal,
  nextSid: () => `sid-${++sid}`,
});

const PERSONAL = { kind: 'jid', jid: '5511987654321@s.whatsapp.net' } as const;
const BUSINESS = { kind: 'jid', jid: '5521933334444@s.whatsapp.net' } as const;
const NUMBER = { kind: 'number', digits: '5511987654321' } as const;
const NOT_A_BUSINESS = 'business-profile-reply-not-business.json';
/** A personal account asked for by number: in on WhatsApp, its profile, no business. */
const PERSONAL_BY_NUMBER: Replies = {
  contact: 'contact-lookup-reply-in.json',
  usync: 'user-info-reply-personal.json',
  business: NOT_A_BUSINESS,
};

/** Fetches `contact` over a transport answering with `replies`, with `extra` fetch options. */
function fetchWith(
  replies: Replies,
  contact: ContactQuery = PERSONAL,
  extra: Partial<ProfileFetchOptions> = {},
) {
  const fake = fixtureTransport(replies);
  return {
    fake,
    fetching: fetchContactProfile(fake.transport, contact, { ...options(), ...extra }),
  };
}

describe('fetchContactProfile', () => {
  it('returns the complete profile of a business in the contract shape', async () => {
    const { fetching } = fetchWith(
      { usync: 'user-info-reply-business.json', business: 'business-profile-reply.json' },
      BUSINESS,
    );

    const profile = await fetching;

    expect(contactProfileSchema.parse(profile)).toEqual(profile);
    expect(profile.user_info.VerifiedName?.Details.verifiedName).toBe('Padaria Estrela');
    expect(profile.business_profile?.Categories).toHaveLength(2);
    expect(profile.user_info.Visibility).toEqual({ Status: 'set', PictureID: 'set' });
  });

  it('runs the user-sync and business-profile queries concurrently', async () => {
    const { fake, fetching } = fetchWith({
      usync: 'user-info-reply-personal.json',
      business: NOT_A_BUSINESS,
    });

    await fetching;

    expect(fake.maxInFlight()).toBe(2);
  });

  it('resolves a number to the JID WhatsApp uses before asking for the profile', async () => {
    const { fake, fetching } = fetchWith(PERSONAL_BY_NUMBER, NUMBER);

    const profile = await fetching;

    expect(profile.jid).toBe('551187654321@s.whatsapp.net');
    expect(JSON.stringify(fake.sent[1])).toContain('551187654321@s.whatsapp.net');
  });

  it.each([
    ['Mexico 521', '+52 1 55 1234 5678', '+5215512345678@c.us'],
    ['Argentina 549', '+54 9 11 2345-6789', '+5491123456789@c.us'],
    ['Brazil with the ninth digit', '+55 11 98765-4321', '+5511987654321@c.us'],
    ['Brazil without the ninth digit', '+55 11 8765-4321', '+551187654321@c.us'],
  ])('sends a %s number to WhatsApp as given', async (_country, number, asked) => {
    const { fake, fetching } = fetchWith(PERSONAL_BY_NUMBER, parseContact({ number }));

    await fetching;

    const user = childNode(childNode(childNode(fake.sent[0], 'usync'), 'list'), 'user');
    expect(nodeText(childNode(user, 'contact'))).toBe(asked);
  });

  it('keeps the phone-number JID when WhatsApp answers the lookup with a LID', async () => {
    const tokenAskedFor: (string | undefined)[] = [];
    const { fake, fetching } = fetchWith(
      { ...PERSONAL_BY_NUMBER, contact: 'contact-lookup-reply-lid.json' },
      NUMBER,
      {
        privacyToken: async (jid, knownLid) => {
          tokenAskedFor.push(jid, knownLid);
          return Buffer.from([9]);
        },
      },
    );

    const profile = await fetching;

    expect(profile.jid).toBe('551187654321@s.whatsapp.net');
    expect(profile.user_info.LID).toBe('203655172014117@lid');
    expect(tokenAskedFor).toEqual(['551187654321@s.whatsapp.net', '203655172014117@lid']);
    expect(JSON.stringify(fake.sent[1])).toContain('551187654321@s.whatsapp.net');
  });

  it('asks about the LID when the contact lookup answered with a LID only, as whatsmeow does', async () => {
    const lid = '203655172014117@lid';
    const remembered: string[] = [];
    const { fake, fetching } = fetchWith(
      {
        contact: 'contact-lookup-reply-lid-only.json',
        usync: 'user-info-reply-lid.json',
        business: NOT_A_BUSINESS,
      },
      NUMBER,
      { rememberLid: async (pn, known) => void remembered.push(pn, known) },
    );

    const profile = await fetching;

    const userAsked = childNode(childNode(childNode(fake.sent[1], 'usync'), 'list'), 'user');
    const profileAsked = childNode(childNode(fake.sent[2], 'business_profile'), 'profile');
    expect(userAsked?.attrs.jid).toBe(lid);
    expect(profileAsked?.attrs.jid).toBe(lid);
    expect(profile.jid).toBe('5511987654321@s.whatsapp.net');
    expect(profile.user_info.LID).toBe(lid);
    expect(profile.user_info.Devices).toEqual([lid, '203655172014117:5@lid']);
    expect(remembered).toEqual([]);
  });

  it('leaves LID out when WhatsApp did not disclose it', async () => {
    const { fetching } = fetchWith({
      usync: 'user-info-reply-hidden.json',
      business: NOT_A_BUSINESS,
    });

    const profile = await fetching;

    expect(profile.user_info).not.toHaveProperty('LID');
  });

  it('serves a partial answer with the missing fields marked, and reports them', async () => {
    const reported: string[] = [];
    const { fetching } = fetchWith(
      { usync: 'user-info-reply-partial.json', business: 'business-profile-reply.json' },
      BUSINESS,
      { onMissingFields: (_jid, missing) => reported.push(...missing.map((item) => item.field)) },
    );

    const profile = await fetching;

    expect(contactProfileSchema.parse(profile)).toEqual(profile);
    expect(profile.user_info).toMatchObject({
      Status: '',
      PictureID: '1716999999',
      Devices: [],
      VerifiedName: null,
      LID: '88822233344455@lid',
      Visibility: {
        Status: 'unavailable',
        PictureID: 'set',
        Devices: 'unavailable',
        VerifiedName: 'unavailable',
      },
    });
    expect(profile.business_profile?.JID).toBe('5521933334444@s.whatsapp.net');
    expect(reported).toEqual(['Devices', 'VerifiedName']);
  });

  it('answers 404 when the number is not on WhatsApp', async () => {
    const { fetching } = fetchWith(
      { contact: 'contact-lookup-reply-out.json' },
      { kind: 'number', digits: '15550001111' },
    );

    await expect(fetching).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers 404 when WhatsApp knows no such JID', async () => {
    const { fetching } = fetchWith({
      usync: 'user-info-reply-unknown-user.json',
      business: 'business-profile-reply-not-found.json',
    });

    await expect(fetching).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gives up with 504 when a query outlives its timeout', async () => {
    const silent: StanzaTransport = { query: () => new Promise(() => {}) };

    const fetching = fetchContactProfile(silent, PERSONAL, { ...options(), queryTimeoutMs: 20 });

    await expect(fetching).rejects.toBeInstanceOf(UpstreamTimeoutError);
  });

  it('gives up with 504 when the request deadline passes first', async () => {
    const silent: StanzaTransport = { query: () => new Promise(() => {}) };

    const fetching = fetchContactProfile(silent, PERSONAL, {
      ...options(AbortSignal.timeout(20)),
      queryTimeoutMs: 60_000,
    });

    await expect(fetching).rejects.toBeInstanceOf(UpstreamTimeoutError);
  });
});

describe('mapWhatsAppError', () => {
  it('maps rate-overlimit to 429 with the backoff WhatsApp asked for', async () => {
    const { fetching } = fetchWith({
      usync: 'usync-reply-rate-overlimit.json',
      business: NOT_A_BUSINESS,
    });

    const error = await fetching.catch((caught: unknown) => mapWhatsAppError(caught, 60));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(120);
  });

  it('maps a Boom rate-overlimit thrown by the socket to 429 with the default retry', () => {
    const boom = Object.assign(new Error('rate-overlimit'), { isBoom: true, data: 429 });

    const error = mapWhatsAppError(boom, 45);

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(45);
  });

  it('maps anything unexpected to a 500 that says nothing about internals', () => {
    const error = mapWhatsAppError(new TypeError('cannot read properties of undefined'), 60);

    expect(error.errorCode).toBe('INTERNAL_ERROR');
    expect(error.message).toBe('the WhatsApp lookup failed');
  });

  it('maps a closed connection to 503', () => {
    const boom = Object.assign(new Error('Connection Closed'), {
      isBoom: true,
      output: { statusCode: 428 },
    });

    expect(mapWhatsAppError(boom, 60).errorCode).toBe('SESSION_UNAVAILABLE');
  });
});
