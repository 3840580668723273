import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SessionStatusStore } from '../../../functions/adapters/dynamodb-session-status-store.ts';
import type { ContactQuery } from '../../../functions/domain/contact/contact-query.ts';
import { useSessionsTable } from '../../support/aws/sessions-table.ts';
import { apiAnswerFor, linkedSessionOnStandIn } from '../../support/whatsapp/stand-in-directory.ts';
import {
  POST_LOGIN_KINDS,
  type ScriptedReply,
  type StanzaKind,
  stanzaKind,
} from '../../support/whatsapp/stand-in-replies.ts';
import { useStandInBackend } from '../../support/whatsapp/use-stand-in-backend.ts';

/**
 * The IQs Baileys sends by itself once logged in (pre-keys, passive, digest, props, blocklist,
 * privacy settings, keep-alive pings), each answered by the stand-in with each error whatsmeow
 * handles and with silence, through a real Baileys socket and the worker's real sessions.
 * whatsmeow logs a failed pre-key count or upload and a failed passive IQ and goes on serving
 * (handleConnectSuccess), sends no digest, props, blocklist or privacy query at login, and
 * counts any answer to a ping as alive: so the session must keep serving, asking each IQ once,
 * on the connection it has; only pings left unanswered end the connection, and the session
 * reconnects and serves again.
 */

const table = useSessionsTable();
const standIn = useStandInBackend(table, {
  environment: { WA_RECONNECT_BASE_MS: '50', WA_RECONNECT_MAX_MS: '200' },
  // The same backend with a 500 ms keep-alive, for the ping cases (Baileys' default is 30 s).
  variants: { pinging: { WA_KEEPALIVE_INTERVAL_MS: '500' } },
});
let contactSeq = 0;
afterEach(() => standIn.server.script.clear());

function nextJid(): ContactQuery {
  contactSeq += 1;
  return { kind: 'jid', jid: `55219${String(60_000_000 + contactSeq)}@s.whatsapp.net` };
}
/** How many IQs of `kind` the companion sent, over all its connections. */
const sent = (companion: string, kind: StanzaKind) =>
  standIn.server.receivedFrom(companion).filter((node) => stanzaKind(node) === kind).length;
const logins = (companion: string) =>
  standIn.server.connections.filter((c) => c.companion === companion && c.loggedIn).length;

const ERRORS: [string, ScriptedReply][] = [
  ['401', { code: 401 }],
  ['403', { code: 403 }],
  ['404', { code: 404 }],
  ['429', { code: 429, backoffSeconds: 30 }],
  ['500', { code: 500 }],
  ['no answer', 'no-answer'],
];
const ASKED_ONCE = POST_LOGIN_KINDS.filter((kind) => kind !== 'pre-key-upload' && kind !== 'ping');

describe('a served session whose post-login IQs WhatsApp refuses', () => {
  // Baileys reads a digest query that timed out as "no digest" and uploads pre-keys once.
  const uploadsAfter = (kind: StanzaKind, reply: ScriptedReply) =>
    kind === 'pre-key-digest' && reply === 'no-answer' ? 1 : 0;

  it.each(
    ASKED_ONCE.flatMap((kind) => ERRORS.map(([name, reply]) => [kind, name, reply] as const)),
  )(
    'keeps serving on the same connection when WhatsApp answers %s with %s, asking it once',
    async (kind, _name, reply) => {
      const { identity, companion } = await linkedSessionOnStandIn(table, standIn.server);
      standIn.server.script.set(kind, reply, 1, companion);

      const profile = await standIn.directory.lookup(
        identity,
        nextJid(),
        AbortSignal.timeout(10_000),
      );
      await standIn.server.waitUntil(() => sent(companion, kind) > 0);

      expect(profile.user_info.Status).toBe('Loopback status');
      expect(sent(companion, kind)).toBe(1);
      expect(sent(companion, 'pre-key-upload')).toBe(uploadsAfter(kind, reply));
      expect(logins(companion)).toBe(1);
    },
  );
});

describe('a served session whose pre-key upload WhatsApp refuses', () => {
  beforeAll(() => standIn.server.setPreKeysOnServer(3));
  afterAll(() => standIn.server.setPreKeysOnServer(50));

  // Baileys retries a refused upload 1 s later; one that timed out it takes as done.
  it.each(ERRORS.map(([name, reply]) => [name, reply === 'no-answer' ? 1 : 2, reply] as const))(
    'serves after WhatsApp answers the upload %s, having sent %i uploads',
    async (_name, uploads, reply) => {
      const { identity, companion } = await linkedSessionOnStandIn(table, standIn.server);
      standIn.server.script.set('pre-key-upload', reply, 1, companion);

      const profile = await standIn.directory.lookup(
        identity,
        nextJid(),
        AbortSignal.timeout(10_000),
      );

      expect(profile.user_info.Status).toBe('Loopback status');
      expect(sent(companion, 'pre-key-upload')).toBe(uploads);
      expect(logins(companion)).toBe(1);
    },
  );

  it('gives up after four refused uploads (503 meanwhile), then serves without a reconnect', async () => {
    const { identity, companion } = await linkedSessionOnStandIn(table, standIn.server);
    standIn.server.script.set('pre-key-upload', { code: 500 }, Infinity, companion);

    // Baileys retries 1, 2 and 4 s apart before it reports the connection open.
    const meanwhile = await standIn.directory
      .lookup(identity, nextJid(), AbortSignal.timeout(10_000))
      .catch((error: unknown) => apiAnswerFor(error));
    await standIn.server.waitUntil(() => sent(companion, 'passive') > 0, 20_000);
    const profile = await standIn.directory.lookup(
      identity,
      nextJid(),
      AbortSignal.timeout(10_000),
    );

    expect(meanwhile).toEqual({ status: 503, error_code: 'SESSION_UNAVAILABLE' });
    expect(profile.user_info.Status).toBe('Loopback status');
    expect(sent(companion, 'pre-key-upload')).toBe(4);
    expect(logins(companion)).toBe(1);
  });
});

describe('a served session whose keep-alive pings WhatsApp refuses', () => {
  it('keeps the connection when WhatsApp answers pings with 401, 403, 404, 429 and 500', async () => {
    const { identity, companion } = await linkedSessionOnStandIn(table, standIn.server);
    for (const [, reply] of ERRORS.slice(0, 5))
      standIn.server.script.set('ping', reply, 1, companion);

    await standIn.variants.pinging.directory.lookup(
      identity,
      nextJid(),
      AbortSignal.timeout(10_000),
    );
    await standIn.server.waitUntil(() => sent(companion, 'ping') >= 7, 15_000);
    const profile = await standIn.variants.pinging.directory.lookup(
      identity,
      nextJid(),
      AbortSignal.timeout(10_000),
    );

    expect(profile.user_info.Status).toBe('Loopback status');
    expect(logins(companion)).toBe(1);
  });

  it('reconnects when WhatsApp stops answering pings (Baileys: 5 s past the interval), and serves again', async () => {
    const { identity, companion } = await linkedSessionOnStandIn(table, standIn.server);
    await standIn.variants.pinging.directory.lookup(
      identity,
      nextJid(),
      AbortSignal.timeout(10_000),
    );
    standIn.server.script.set('ping', 'no-answer', Infinity, companion);
    const silentSince = Date.now();

    await standIn.server.waitUntil(() => logins(companion) === 2, 20_000);
    const droppedAfterMs = Date.now() - silentSince;
    const profile = await standIn.variants.pinging.directory.lookup(
      identity,
      nextJid(),
      AbortSignal.timeout(10_000),
    );
    const status = await new SessionStatusStore(table).get(identity);

    expect(droppedAfterMs).toBeGreaterThanOrEqual(5_000);
    expect(profile.user_info.Status).toBe('Loopback status');
    expect(status.state).toBe('paired');
  });
});
