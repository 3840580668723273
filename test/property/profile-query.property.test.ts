import type { APIGatewayProxyResult } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { $ZodError } from 'zod/v4/core';
import { parseContactQueryString } from '../../functions/api/contact-query-string.ts';
import { toAppErrorDescription } from '../../functions/api/error-envelope.ts';
import { singleValuedParameters } from '../../functions/api/single-valued-parameters.ts';
import type { GetContactProfile } from '../../functions/contacts/get-profile/get-contact-profile.ts';
import { createGetProfileRoute } from '../../functions/contacts/get-profile/get-profile-route.ts';
import { profileEtag } from '../../functions/domain/contact/profile-etag.ts';
import { NotFoundError, ValidationError } from '../../functions/domain/errors/app-errors.ts';
import { localLambdaContext } from '../../functions/local/lambda-context.ts';
import { singleAndMultiValued } from '../../functions/local/single-and-multi-valued.ts';
import { isErrorEnvelope } from '../support/http/api-client.ts';
import { proxyEvent } from '../support/lambda/api-gateway-events.ts';
import { silentLogger } from '../support/logging/silent-logger.ts';
import {
  hostileString,
  queryPairs,
  refreshValue,
  userJid,
} from '../support/property/hostile-input-arbitraries.ts';

const CANONICAL_JID = /^[1-9]\d{0,19}@(s\.whatsapp\.net|lid)$/;
const DIGITS = /^[1-9]\d{5,}$/;

/** What the parser does with one input: a result, or the status it maps to. */
function outcome(parameters: Record<string, string>) {
  try {
    return { ok: true as const, parsed: parseContactQueryString(parameters) };
  } catch (error) {
    return { ok: false as const, error };
  }
}

describe('parseContactQueryString (property)', () => {
  it('accepts only canonical user JIDs or plausible digits, and rejects everything else as a 400', () => {
    fc.assert(
      fc.property(
        fc.record(
          { jid: hostileString, number: hostileString, refresh: refreshValue },
          { requiredKeys: [] },
        ),
        (parameters) => {
          const result = outcome(parameters);
          if (result.ok) {
            const { contact } = result.parsed;
            if (contact.kind === 'jid') expect(contact.jid).toMatch(CANONICAL_JID);
            else expect(contact.digits).toMatch(DIGITS);
            return;
          }
          expect(result.error instanceof ValidationError || result.error instanceof $ZodError).toBe(
            true,
          );
          const described = toAppErrorDescription(result.error);
          expect(described.statusCode).toBe(400);
          expect(described.errorCode).toBe('VALIDATION_ERROR');
          expect(described.message.length).toBeGreaterThan(0);
          expect(described.message.length).toBeLessThan(200);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('lets a usable jid win over any number within the parameter length limit', () => {
    fc.assert(
      fc.property(userJid, hostileString, (jid, number) => {
        // Every parameter is held to 256 characters first, before jid and number are weighed.
        fc.pre(number.length <= 256);
        const alone = outcome({ jid });
        const both = outcome({ jid, number });

        expect(alone.ok).toBe(true);
        expect(both).toEqual(alone);
      }),
      { numRuns: 2_000 },
    );
  });

  it('is idempotent: a normalised JID parses to itself', () => {
    fc.assert(
      fc.property(userJid, (jid) => {
        const first = outcome({ jid });
        const normalised =
          first.ok && first.parsed.contact.kind === 'jid' ? first.parsed.contact.jid : '';

        expect(first.ok).toBe(true);
        expect(outcome({ jid: normalised })).toEqual(first);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('singleValuedParameters (property): the one documented behaviour of repeats', () => {
  it('treats a parameter repeated with the same value exactly like the single parameter', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('jid', 'number', 'refresh'),
        hostileString,
        fc.integer({ min: 2, max: 5 }),
        (name, value, times) => {
          const repeated = singleValuedParameters(
            { [name]: value },
            { [name]: Array.from({ length: times }, () => value) },
          );

          expect(repeated).toEqual({ [name]: value });
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('rejects a parameter repeated with different values as a 400 naming the parameter', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('jid', 'number', 'refresh'),
        fc.uniqueArray(hostileString, { minLength: 2, maxLength: 4 }),
        (name, values) => {
          const collapse = () =>
            singleValuedParameters({ [name]: values.at(-1) }, { [name]: values });

          expect(collapse).toThrow(ValidationError);
          expect(collapse).toThrow(`${name} was given more than once with different values`);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

/** Queries for the contacts the fake use case knows, so 200s are as common as the errors. */
const knownContactPairs: fc.Arbitrary<[string, string][]> = fc
  .tuple(
    fc.constantFrom<[string, string]>(
      ['jid', '5511999999999@s.whatsapp.net'],
      ['jid', '5511999999999:7@C.US'],
      ['number', '+55 (11) 99999-9999'],
      ['jid', '123456789012345@lid'],
    ),
    fc.array(fc.tuple(fc.constantFrom('number', 'other', 'refresh'), hostileString), {
      maxLength: 2,
    }),
  )
  .map(([known, extra]) => [known, ...extra]);

describe('profile handler (property, in-process)', () => {
  const KNOWN_JIDS = new Set(['5511999999999@s.whatsapp.net', '123456789012345@lid']);
  const profileJson = '{"jid":"x"}';
  const getContactProfile: GetContactProfile = async ({ contact }) => {
    const jid = contact.kind === 'jid' ? contact.jid : `${contact.digits}@s.whatsapp.net`;
    if (!KNOWN_JIDS.has(jid)) throw new NotFoundError('the contact is not on WhatsApp');
    return {
      profileJson,
      fetchedAt: Date.now(),
      etag: profileEtag(profileJson),
      cacheStatus: 'HIT',
    };
  };
  const silent = silentLogger();
  const handler = createGetProfileRoute({
    getContactProfile,
    logger: silent,
    freshSeconds: 60,
    liveLookupDeadlineMs: 1_000,
  });

  it('answers any query with 200, 400 or 404 only, errors always in the contract’s envelope', async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(queryPairs, knownContactPairs), async (pairs) => {
        const { single, multi } = singleAndMultiValued(pairs);
        const event = proxyEvent({
          query: single,
          multiValueQuery: multi,
          authorizer: { tenantId: 'acme', userId: 'alice' },
        });

        const result = (await handler(
          event,
          localLambdaContext('profile', 30_000),
        )) as APIGatewayProxyResult;

        expect([200, 400, 404]).toContain(result.statusCode);
        seen.add(result.statusCode);
        const body = JSON.parse(result.body);
        if (result.statusCode === 200) {
          expect(body).toEqual({ success: true, data: { jid: 'x' } });
          expect(result.headers?.ETag).toBe(profileEtag(profileJson));
        } else {
          const code = result.statusCode === 400 ? 'VALIDATION_ERROR' : 'NOT_FOUND';
          expect(isErrorEnvelope(body, code)).toBe(true);
          expect(result.headers?.['Content-Type']).toBe('application/json; charset=utf-8');
        }
      }),
      { numRuns: 3_000 },
    );
    // The generators reach every outcome, so the property is not vacuous.
    expect([...seen].sort()).toEqual([200, 400, 404]);
  });
});
