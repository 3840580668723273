import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ContactQuery } from '../../../functions/domain/contact/contact-query.ts';
import type { SessionIdentity } from '../../../functions/domain/session/session-identity.ts';
import { useSessionsTable } from '../../support/aws/sessions-table.ts';
import { pairingAttemptClaims } from '../../support/whatsapp/pairing-attempt-claims.ts';
import { apiAnswerFor, linkedSessionOnStandIn } from '../../support/whatsapp/stand-in-directory.ts';
import type { ScriptedReply, StanzaKind } from '../../support/whatsapp/stand-in-replies.ts';
import { testAuthStateStore } from '../../support/whatsapp/test-auth-state-store.ts';
import { useStandInBackend } from '../../support/whatsapp/use-stand-in-backend.ts';

/**
 * Each stanza a lookup sends, answered by the stand-in with success and with each error
 * whatsmeow handles for it, through a real Baileys socket and the worker's real directory: the
 * answer is asserted as the API gives it (status and error_code, Retry-After, or the degraded
 * field). A refused IQ reaches the worker as Baileys hands it over: a thrown error.
 */

const LID_ONLY_DIGITS = '5511955554444';
const LID_ONLY_LID = '99988877766655@lid';

const table = useSessionsTable();
const standIn = useStandInBackend(table, {
  standIn: { lidOnlyNumbers: new Map([[LID_ONLY_DIGITS, LID_ONLY_LID]]) },
});
let identity: SessionIdentity;
let contactSeq = 0;

beforeAll(async () => {
  ({ identity } = await linkedSessionOnStandIn(table, standIn.server));
  // Connected once before the cases, so each case only scripts the stanza it is about.
  await standIn.directory.lookup(identity, nextJid(), AbortSignal.timeout(10_000));
});
afterEach(() => standIn.server.script.clear());

/** A contact no other case asked about (single-flight never joins two cases). */
const nextDigits = () => `55219${String(80_000_000 + ++contactSeq)}`;
const nextJid = (): ContactQuery => ({ kind: 'jid', jid: `${nextDigits()}@s.whatsapp.net` });
const nextNumber = (): ContactQuery => ({ kind: 'number', digits: nextDigits() });

function lookup(contact: ContactQuery) {
  return standIn.directory.lookup(identity, contact, AbortSignal.timeout(10_000));
}
function lookupPicture(contact: ContactQuery) {
  return standIn.directory.lookupPicture(
    identity,
    contact,
    { type: 'image' },
    AbortSignal.timeout(10_000),
  );
}
const failure = (work: Promise<unknown>) =>
  work.then(
    (value) => ({ resolved: value }),
    (error: unknown) => apiAnswerFor(error),
  );

type Expected = ReturnType<typeof apiAnswerFor>;
const refusedQueryCases = (
  kind: StanzaKind,
  notFound: Expected,
): [string, ScriptedReply, Expected][] =>
  [
    ['401', { code: 401 }, { status: 503, error_code: 'SESSION_UNAVAILABLE' }],
    ['403', { code: 403 }, { status: 500, error_code: 'INTERNAL_ERROR' }],
    ['404', { code: 404 }, notFound],
    [
      '429 with a backoff',
      { code: 429, backoffSeconds: 90 },
      { status: 429, error_code: 'RATE_LIMITED', retryAfter: '90' },
    ],
    ['429', { code: 429 }, { status: 429, error_code: 'RATE_LIMITED', retryAfter: '60' }],
    ['500', { code: 500 }, { status: 500, error_code: 'INTERNAL_ERROR' }],
    ['no answer', 'no-answer', { status: 504, error_code: 'UPSTREAM_TIMEOUT' }],
  ].map(([name, reply, expected]) => [`${kind} ${name}`, reply, expected] as never);

describe('a profile lookup against WhatsApp errors', () => {
  it('answers the profile when every stanza succeeds', async () => {
    const profile = await lookup(nextNumber());

    expect(profile.user_info.Status).toBe('Loopback status');
    expect(profile.user_info.Devices).toHaveLength(1);
    expect(profile.business_profile).toBeNull();
  });

  it.each(refusedQueryCases('contact-lookup', { status: 404, error_code: 'NOT_FOUND' }))(
    'answers %s as whatsmeow implies',
    async (_name, reply, expected) => {
      standIn.server.script.set('contact-lookup', reply);

      expect(await failure(lookup(nextNumber()))).toEqual(expected);
    },
  );

  it.each(refusedQueryCases('user-info', { status: 404, error_code: 'NOT_FOUND' }))(
    'answers %s as whatsmeow implies',
    async (_name, reply, expected) => {
      standIn.server.script.set('user-info', reply);

      expect(await failure(lookup(nextJid()))).toEqual(expected);
    },
  );

  it('reads a business-profile 404 as "not a business", the rest of the profile intact', async () => {
    standIn.server.script.set('business-profile', { code: 404 });

    const profile = await lookup(nextJid());

    expect(profile.business_profile).toBeNull();
    expect(profile.user_info.Status).toBe('Loopback status');
  });

  it.each(
    refusedQueryCases('business-profile', { status: 200, error_code: 'none' }).filter(
      ([name]) => !name.endsWith(' 404'),
    ),
  )('answers %s as whatsmeow implies', async (_name, reply, expected) => {
    standIn.server.script.set('business-profile', reply);

    expect(await failure(lookup(nextJid()))).toEqual(expected);
  });

  it('looks contacts up by phone number and by LID with no history sync (Baileys warns it skips LID mappings)', async () => {
    const byNumber = await lookup(nextNumber());
    const byLid = await lookup({ kind: 'jid', jid: '77766655544433@lid' });

    expect(byNumber.jid).toMatch(/@s\.whatsapp\.net$/);
    expect(byNumber.user_info.Devices).toHaveLength(1);
    expect(byLid.jid).toBe('77766655544433@lid');
    expect(byLid.user_info.Devices).toEqual(['77766655544433@lid']);
  });

  it('asks about the LID when the contact lookup answered with a LID only (finding 9)', async () => {
    const profile = await lookup({ kind: 'number', digits: LID_ONLY_DIGITS });
    const asked = standIn.server.connections
      .flatMap((connection) => connection.received)
      .filter((node) => node.attrs.xmlns === 'usync' || node.attrs.xmlns === 'w:biz')
      .map((node) => JSON.stringify(node.content))
      .filter((text) => text.includes(LID_ONLY_LID));

    expect(profile.jid).toBe(`${LID_ONLY_DIGITS}@s.whatsapp.net`);
    expect(profile.user_info.LID).toBe(LID_ONLY_LID);
    expect(profile.user_info.Devices).toEqual([LID_ONLY_LID]);
    expect(asked).toHaveLength(2);
  });
});

describe('a picture lookup against WhatsApp errors (finding 1)', () => {
  it('answers the picture when WhatsApp sends one', async () => {
    const answer = await lookupPicture(nextJid());

    expect(answer).toMatchObject({ picture: { id: '1700000001', type: 'image' } });
  });

  it.each([
    ['401 not-authorized', 401, 'hidden'],
    ['403 forbidden', 403, 'hidden'],
    ['404 item-not-found', 404, 'not_set'],
  ] as const)(
    'answers %s with picture null (code %i, visibility %s)',
    async (_name, code, visibility) => {
      standIn.server.script.set('picture', { code });

      const answer = await lookupPicture(nextJid());

      expect(answer).toMatchObject({ picture: null, visibility });
    },
  );

  it.each(
    refusedQueryCases('picture', { status: 0, error_code: 'unused' }).filter(
      ([name]) => !/ 40[134]$/.test(name),
    ),
  )('answers %s as whatsmeow implies', async (_name, reply, expected) => {
    standIn.server.script.set('picture', reply);

    expect(await failure(lookupPicture(nextJid()))).toEqual(expected);
  });
});

describe('a logout against WhatsApp errors (finding 5)', () => {
  /** A second linked session on the same stand-in, connected, for one logout case. */
  async function connectedSession() {
    const linked = await linkedSessionOnStandIn(table, standIn.server);
    await standIn.directory.lookup(linked.identity, nextJid(), AbortSignal.timeout(10_000));
    return linked;
  }
  const storedCreds = (identity: SessionIdentity) =>
    testAuthStateStore(table, identity)
      .readCreds()
      .then((creds) => creds !== undefined);
  const logOut = (identity: SessionIdentity) => {
    return standIn.sessionControl.logOut(identity, AbortSignal.timeout(10_000));
  };

  it('waits for WhatsApp to unlink the device, then deletes its credentials', async () => {
    const { identity, companion } = await connectedSession();

    const result = await logOut(identity);

    expect(result).toEqual({ unlinked: true });
    expect(await storedCreds(identity)).toBe(false);
    expect(standIn.server.receivedFrom(companion).some((node) => node.attrs.xmlns === 'md')).toBe(
      true,
    );
  });

  it.each([
    ['500', { code: 500 }, { status: 503, error_code: 'SESSION_UNAVAILABLE' }],
    ['403', { code: 403 }, { status: 503, error_code: 'SESSION_UNAVAILABLE' }],
    ['429', { code: 429 }, { status: 429, error_code: 'RATE_LIMITED', retryAfter: '60' }],
    [
      '429 with a backoff',
      { code: 429, backoffSeconds: 90 },
      { status: 429, error_code: 'RATE_LIMITED', retryAfter: '90' },
    ],
    ['no answer', 'no-answer', { status: 504, error_code: 'UPSTREAM_TIMEOUT' }],
  ] as [string, ScriptedReply, Expected][])(
    'keeps the credentials and the session when WhatsApp answers the unlink %s',
    async (_name, reply, expected) => {
      const { identity } = await connectedSession();
      standIn.server.script.set('logout', reply);

      const answer = await failure(logOut(identity));
      const stillServes = await standIn.directory
        .lookup(identity, nextJid(), AbortSignal.timeout(10_000))
        .then(() => true);

      expect(answer).toEqual(expected);
      expect(await storedCreds(identity)).toBe(true);
      expect(stillServes).toBe(true);
    },
  );

  it.each([
    ['401', 401],
    ['404', 404],
  ] as const)(
    'deletes the credentials when WhatsApp answers the unlink %s: nothing is linked',
    async (_name, code) => {
      const { identity } = await connectedSession();
      standIn.server.script.set('logout', { code });

      const result = await logOut(identity);

      expect(result).toEqual({ unlinked: true });
      expect(await storedCreds(identity)).toBe(false);
    },
  );
});

describe('a pairing by code against WhatsApp errors (findings 2 and 6)', () => {
  const PHONE = '5511987654321';
  const ACCOUNT = { jid: `${PHONE}@s.whatsapp.net`, lid: '211234567890123@lid' };
  // Built when a test runs: the table's client exists from then on.
  const claims = () => pairingAttemptClaims(table);
  const claim = (identity: SessionIdentity, method: 'qr' | 'code', timeLimitMs: number) =>
    claims().claim(identity, timeLimitMs, method === 'code' ? PHONE : undefined);
  const until: ReturnType<typeof claims>['until'] = (identity, accept) =>
    claims().until(identity, accept);
  const ended = (identity: SessionIdentity) => claims().ended(identity);
  let pairingSeq = 0;
  const pairingIdentity = () => {
    pairingSeq += 1;
    return { tenantId: 'acme', userId: `pairing-code-${pairingSeq}` };
  };
  const control = () => standIn.sessionControl;

  it('shows the code only once WhatsApp answered the request with a pairing ref', async () => {
    const identity = pairingIdentity();
    const command = await claim(identity, 'code', 30_000);

    await control().startPairing(identity, command);
    const waiting = await until(identity, (attempt) => attempt.pairingCode !== undefined);
    await control().logOut(identity, AbortSignal.timeout(5_000));

    expect(waiting?.pairingCode).toMatch(/^[A-Z0-9]{8}$/);
    expect(standIn.server.pairingCodeRequests().at(-1)).toMatchObject({
      jid: `${PHONE}@s.whatsapp.net`,
      stage: 'companion_hello',
    });
  });

  it.each([
    ['400 bad-request', { code: 400 }, 'code_refused'],
    ['429 rate-overlimit', { code: 429 }, 'rate_limited'],
    ['403 forbidden', { code: 403 }, 'code_refused'],
    ['no answer', 'no-answer', 'code_refused'],
  ] as [string, ScriptedReply, string][])(
    'ends the attempt without a code when WhatsApp answers the request %s',
    async (_name, reply, endReason) => {
      const identity = pairingIdentity();
      standIn.server.script.set('pairing-code', reply);
      const command = await claim(identity, 'code', 30_000);

      await control().startPairing(identity, command);
      const attempt = await ended(identity);

      expect(attempt).toMatchObject({ state: 'ended', endReason });
      expect(attempt.pairingCode).toBeUndefined();
    },
  );

  it('a pairing-code attempt that times out, followed by a QR attempt, links on the stand-in', async () => {
    const identity = pairingIdentity();
    const codeAttempt = await claim(identity, 'code', 1_500);
    await control().startPairing(identity, codeAttempt);
    const timedOut = await ended(identity);
    const store = testAuthStateStore(table, identity);
    const leftover = await store.readCreds();
    // What Baileys' own requestPairingCode saved (and sessions paired before this fix hold):
    // the phone's JID as `me`, named `~`, and the code, on credentials never linked.
    const { state, saveCreds } = await store.load();
    state.creds.me = { id: `${PHONE}@s.whatsapp.net`, name: '~' };
    state.creds.pairingCode = 'ABCD1234';
    await saveCreds();

    const qrAttempt = await claim(identity, 'qr', 30_000);
    await control().startPairing(identity, qrAttempt);
    const waiting = await until(identity, (attempt) => attempt.qr !== undefined);
    await standIn.server.scanQr(waiting?.qr ?? '', ACCOUNT);
    const linked = await ended(identity);
    const creds = await testAuthStateStore(table, identity).readCreds();

    expect(timedOut.endReason).toBe('timed_out');
    expect(leftover?.me).toBeUndefined();
    expect(linked.endReason).toBe('paired');
    expect(creds?.account).toBeDefined();
    expect(creds?.pairingCode).toBeUndefined();
    expect(creds && 'pairingEphemeralKeyPair' in creds).toBe(false);
  });
});
