import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../functions/local/local-stack.ts';
import { type ApiResponse, callApi, isErrorEnvelope } from '../support/http/api-client.ts';
import {
  killLocalStack,
  startLocalStackWithToken,
  UNREACHED_USAGE_PLAN,
} from '../support/local-stack/local-stack-with-token.ts';
import {
  authorizationValue,
  hostileString,
  queryPairs,
  userJid,
} from '../support/property/hostile-input-arbitraries.ts';

/**
 * Hostile requests through the real local gateway over HTTP (a bounded number of runs: each is a
 * real request, and valid contacts go through SQS to the worker). The many-run properties live
 * in the in-process suites beside this one.
 */

const ERROR_CODE_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
};

/** Percent-encodes every UTF-8 byte, so any string survives the trip as itself. */
function encodeEveryByte(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`)
    .join('');
}

/** Room for the query in API Gateway's 10,240-byte request line and headers. */
const MAX_QUERY_BYTES = 8_192;

/** A query string from (name, value) pairs, each piece encoded, lightly encoded, or raw. */
const encodedQuery = queryPairs.chain((pairs) =>
  fc
    .array(fc.constantFrom('every-byte', 'component', 'raw'), {
      minLength: pairs.length * 2,
      maxLength: pairs.length * 2,
    })
    .map((modes) =>
      pairs
        .flatMap(([name, value], index) => {
          const encode = (piece: string, mode: string | undefined) => {
            if (mode === 'every-byte') return encodeEveryByte(piece);
            if (mode === 'component') {
              try {
                return encodeURIComponent(piece);
              } catch {
                return encodeEveryByte(piece);
              }
            }
            // Raw: what a careless client sends; a '#' would only start the fragment.
            return piece.replaceAll('#', '');
          };
          return [`${encode(name, modes[index * 2])}=${encode(value, modes[index * 2 + 1])}`];
        })
        .join('&'),
    )
    // API Gateway refuses a request line and headers over 10,240 bytes before any code of ours
    // runs (and Node's own server, a URL over 16 KB, with 431): what reaches the API is shorter.
    .filter((query) => query.length <= MAX_QUERY_BYTES),
);

/** fetch only sends header values made of bytes: tab, visible ASCII and Latin-1. */
function asHeaderValue(value: string): string {
  return [...value]
    .map((char) => {
      const code = char.codePointAt(0) ?? 0;
      const sendable =
        code === 9 || (code >= 0x20 && code <= 0x7e) || (code >= 0x80 && code <= 0xff);
      return sendable ? char : '?';
    })
    .join('');
}

function expectContractResponse(response: ApiResponse, allowed: number[]): void {
  expect(allowed).toContain(response.status);
  if (response.status === 200) {
    expect(response.body.success).toBe(true);
    expect(['HIT', 'MISS', 'STALE']).toContain(response.headers.get('x-cache'));
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(response.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect(response.headers.get('age')).toMatch(/^\d+$/);
    return;
  }
  expect(isErrorEnvelope(response.body, ERROR_CODE_BY_STATUS[response.status] ?? '?')).toBe(true);
}

/**
 * Each of these properties makes 150 to 200 HTTP calls, some of them live lookups through the
 * worker: bounded work that may need more than the suite's default 20 s on a busy machine.
 */
const MANY_CALLS_TIMEOUT_MS = 90_000;

describe('hostile requests over HTTP (local stack)', () => {
  let stack: LocalStack;
  let token: string;

  beforeAll(async () => {
    // These properties are about the shape of every answer, not about deadlines: a deadline
    // generous enough that a busy machine never turns a live lookup into a 504, and one live
    // lookup first, so the reply queue and the worker are warm before the first property runs.
    ({ stack, token } = await startLocalStackWithToken(
      { LIVE_LOOKUP_DEADLINE_MS: '20000' },
      undefined,
      { usagePlan: UNREACHED_USAGE_PLAN },
    ));
    const warm = await callApi(stack.url, '/contacts/profile?jid=5511999999999%40s.whatsapp.net', {
      token,
    });
    expect(warm.status).toBe(200);
  });

  afterAll(async () => {
    await killLocalStack(stack);
  });

  it(
    'answers hostile queries with 200, 400 or 404 only, always in the contract’s shape',
    async () => {
      const seen = new Set<number>();
      await fc.assert(
        fc.asyncProperty(encodedQuery, async (query) => {
          const response = await callApi(stack.url, `/contacts/profile?${query}`, { token });

          expectContractResponse(response, [200, 400, 404]);
          seen.add(response.status);
        }),
        { numRuns: 200 },
      );
      expect(seen.has(400)).toBe(true);
    },
    MANY_CALLS_TIMEOUT_MS,
  );

  it(
    'answers contact-shaped queries with 200 or 404 for usable ones and 400 for the rest',
    async () => {
      const seen = new Set<number>();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            userJid.map((jid) => `jid=${encodeURIComponent(jid)}`),
            fc.constantFrom(
              'jid=5511999999999%40s.whatsapp.net',
              'jid=5511999999999:3%40c.us',
              'number=%2B1%20(415)%20555-0123',
              'jid=123456789012345%40lid&number=junk',
            ),
            hostileString.map(
              (value) => `number=${encodeURIComponent(value.replaceAll(/[\ud800-\udfff]/g, ''))}`,
            ),
          ),
          async (query) => {
            const response = await callApi(stack.url, `/contacts/profile?${query}`, { token });

            expectContractResponse(response, [200, 400, 404]);
            seen.add(response.status);
          },
        ),
        { numRuns: 150 },
      );
      expect([...seen].sort()).toEqual([200, 400, 404]);
    },
    MANY_CALLS_TIMEOUT_MS,
  );

  it(
    'answers any Authorization header that is not a live token with the 401 envelope',
    async () => {
      await fc.assert(
        fc.asyncProperty(authorizationValue, async (header) => {
          const response = await callApi(stack.url, '/contacts/profile?jid=5511999999999%40lid', {
            authorization: asHeaderValue(header),
          });

          expectContractResponse(response, [401]);
          expect(response.headers.get('www-authenticate')).toBe('Bearer');
        }),
        { numRuns: 150 },
      );
    },
    MANY_CALLS_TIMEOUT_MS,
  );

  it('gives a repeated parameter one behaviour: same value as once, different values a 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('5511999999999@s.whatsapp.net', '14155550123@s.whatsapp.net'),
        userJid,
        fc.integer({ min: 2, max: 4 }),
        async (jid, other, times) => {
          fc.pre(other.toLowerCase() !== jid);
          const once = await callApi(
            stack.url,
            `/contacts/profile?jid=${encodeURIComponent(jid)}`,
            {
              token,
            },
          );
          const repeated = await callApi(
            stack.url,
            `/contacts/profile?${Array.from({ length: times }, () => `jid=${encodeURIComponent(jid)}`).join('&')}`,
            { token },
          );
          const conflicting = await callApi(
            stack.url,
            `/contacts/profile?jid=${encodeURIComponent(jid)}&jid=${encodeURIComponent(other)}`,
            { token },
          );

          expect(repeated.status).toBe(200);
          expect(repeated.body).toEqual(once.body);
          expect(conflicting.status).toBe(400);
          expect(isErrorEnvelope(conflicting.body, 'VALIDATION_ERROR')).toBe(true);
          expect(conflicting.body.error).toBe('jid was given more than once with different values');
        },
      ),
      { numRuns: 20 },
    );
  });

  it('answers parameter and header names that are special to JavaScript objects like any other', async () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    const responses = await Promise.all(
      names.flatMap((name) => [
        callApi(stack.url, `/contacts/profile?${name}=1&jid=5511999999999%40s.whatsapp.net`, {
          token,
        }),
        callApi(stack.url, `/contacts/profile?jid=5511999999999%40s.whatsapp.net`, {
          token,
          headers: { [name]: 'x' },
        }),
      ]),
    );

    for (const response of responses) expectContractResponse(response, [200]);
  });

  it('keeps serving after the hostile runs: 100 parallel reads all succeed', async () => {
    const paths = [
      '/contacts/profile?jid=5511999999999%40s.whatsapp.net',
      '/contacts/profile?number=%2B1%20415%20555%200123',
      '/contacts/profile?jid=123456789012345%40lid',
      '/contacts/profile?jid=14155550123%40s.whatsapp.net&refresh=true',
    ];

    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        callApi(stack.url, paths[index % paths.length] as string, { token }),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(100).fill(200));
    const etags = new Set(responses.map((response) => response.headers.get('etag')));
    expect(etags.size).toBe(3);
    // The concurrent refreshes were answered live, each with its own reply, not served stale.
    const refreshed = responses.filter((_, index) => index % paths.length === 3);
    expect(refreshed.map((response) => response.headers.get('x-cache'))).toEqual(
      refreshed.map(() => 'MISS'),
    );
  });
});
