import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../../functions/local/local-stack.ts';
import { callApi } from '../../support/http/api-client.ts';
import {
  type StackOnStandIn,
  startStackOnStandIn,
} from '../../support/local-stack/stack-on-stand-in.ts';
import type { LinkedCompanion } from '../../support/whatsapp/pairing-phone.ts';
import type { WhatsAppServerStandIn } from '../../support/whatsapp/server-stand-in.ts';
import { stanzaKind } from '../../support/whatsapp/stand-in-replies.ts';

const ACCOUNT = { jid: '5511987654321@s.whatsapp.net' };
const HOUR_SECONDS = 3_600;
const LOOKUP_KINDS = new Set(['contact-lookup', 'user-info', 'business-profile', 'picture']);

/**
 * The local stack's worker on a real Baileys socket against the WhatsApp stand-in, as WhatsApp
 * restricts the paired account: the reach-out time lock (463) and a temporary ban (`<failure
 * reason="402">`) reach GET /session, the tenant's webhook, and the lookups' answers.
 */
describe('account health on the WhatsApp stand-in', () => {
  let running: StackOnStandIn;
  let whatsApp: WhatsAppServerStandIn;
  let stack: LocalStack;
  let alice: string;
  let linked: LinkedCompanion;
  let receiver: StackOnStandIn['receiver'];
  const statuses = () => running.statuses();
  const lookupsSent = () =>
    whatsApp
      .receivedFrom(linked.companion)
      .filter((node) => LOOKUP_KINDS.has(stanzaKind(node) ?? '')).length;

  beforeAll(async () => {
    running = await startStackOnStandIn();
    ({ whatsApp, stack, alice, receiver } = running);
    const pair = await callApi(stack.url, '/session/pair', { token: alice, method: 'POST' });
    linked = await whatsApp.scanQr(pair.body.data.qr, ACCOUNT);
    await receiver.waitFor(() => statuses().some((data) => data.status === 'paired'));
  }, 60_000);

  afterAll(async () => {
    await running?.stop();
  });

  it('answers a lookup WhatsApp refused with 463 with 429 reachout_timelock and its Retry-After, and sends no more lookups', async () => {
    // prepare: WhatsApp time-locks the account for an hour; its lookups are refused with 463
    const endsAtMs = Date.now() + HOUR_SECONDS * 1000;
    whatsApp.accountHealth.setTimelock({ endsAtMs });
    for (const kind of LOOKUP_KINDS) {
      whatsApp.script.set(kind as 'user-info', { code: 463 }, Number.POSITIVE_INFINITY);
    }

    // act: one lookup, then three more for other contacts
    const first = await callApi(stack.url, '/contacts/profile?number=5511911110000&refresh=true', {
      token: alice,
    });
    const sentAfterFirst = lookupsSent();
    const later = [];
    for (const number of ['5511911110001', '5511911110002', '5511911110003']) {
      later.push(await callApi(stack.url, `/contacts/profile?number=${number}`, { token: alice }));
    }
    await receiver.waitFor(() => statuses().some((data) => data.reason === 'reachout_timelock'));
    const session = await callApi(stack.url, '/session', { token: alice });

    // assert
    expect(first.status).toBe(429);
    expect(first.body.error_code).toBe('RATE_LIMITED');
    expect(first.body.error).toContain('reachout_timelock');
    const retryAfter = Number(first.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(HOUR_SECONDS - 60);
    expect(retryAfter).toBeLessThanOrEqual(HOUR_SECONDS);
    for (const answer of later) {
      expect(answer.status).toBe(429);
      expect(answer.body.error).toContain('reachout_timelock');
    }
    expect(lookupsSent()).toBe(sentAfterFirst);
    expect(whatsApp.accountHealth.timelockQueries).toHaveLength(1);
    expect(session.body.data).toMatchObject({
      status: 'paired',
      jid: ACCOUNT.jid,
      reason: 'reachout_timelock',
      restricted_until: new Date(Math.floor(endsAtMs / 1000) * 1000)
        .toISOString()
        .replace('.000Z', 'Z'),
    });
    const locked = statuses().filter((data) => data.reason === 'reachout_timelock');
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ status: 'paired', previous_status: 'paired' });
  }, 60_000);

  it('clears the reason and looks contacts up again once WhatsApp pushes that the lock is lifted', async () => {
    // prepare: WhatsApp answers lookups again
    whatsApp.script.clear();
    const sentBefore = lookupsSent();

    // act: WhatsApp's mex notification says the lock no longer holds
    const pushed = whatsApp.accountHealth.pushTimelock(linked.companion, undefined);
    await receiver.waitFor(() =>
      statuses().some((data) => data.reason === 'reachout_timelock_lifted'),
    );
    const session = await callApi(stack.url, '/session', { token: alice });
    const lookup = await callApi(stack.url, '/contacts/profile?number=5511911110004', {
      token: alice,
    });

    // assert
    expect(pushed).toBe(1);
    expect(session.body.data).toEqual({
      status: 'paired',
      jid: ACCOUNT.jid,
      since: expect.any(String),
    });
    expect(lookup.status).toBe(200);
    expect(lookupsSent()).toBeGreaterThan(sentBefore);
    const lifted = statuses().filter((data) => data.reason === 'reachout_timelock_lifted');
    expect(lifted).toEqual([
      expect.objectContaining({ status: 'paired', previous_status: 'paired' }),
    ]);
  }, 60_000);

  it('shows a temporary-ban failure in GET /session and as one event, and does not reconnect before it ends', async () => {
    // prepare: the account's one live connection
    const loginsBefore = whatsApp.connections.filter(
      (connection) => connection.companion === linked.companion,
    ).length;

    // act: WhatsApp bans the account for an hour, ending its stream with the ban's failure
    const ended = whatsApp.accountHealth.banTemporarily(linked.companion, {
      code: 101,
      expireSeconds: HOUR_SECONDS,
    });
    await receiver.waitFor(() => statuses().some((data) => data.reason === 'temporary_ban'));
    // A reconnect storm would show within this (the worker's backoff starts at a second).
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const session = await callApi(stack.url, '/session', { token: alice });
    const lookup = await callApi(stack.url, '/contacts/profile?number=5511911110009', {
      token: alice,
    });

    // assert
    expect(ended).toBe(1);
    const banEndsAt = Date.parse(session.body.data.restricted_until);
    expect(session.body.data).toMatchObject({
      status: 'connecting',
      jid: ACCOUNT.jid,
      reason: 'temporary_ban',
      ban_code: 101,
    });
    expect(banEndsAt - Date.now()).toBeGreaterThan((HOUR_SECONDS - 60) * 1000);
    const banned = statuses().filter((data) => data.reason === 'temporary_ban');
    expect(banned).toHaveLength(1);
    expect(banned[0]).toMatchObject({
      status: 'connecting',
      previous_status: 'paired',
      jid: ACCOUNT.jid,
      restricted_until: session.body.data.restricted_until,
    });
    expect(
      whatsApp.connections.filter((connection) => connection.companion === linked.companion),
    ).toHaveLength(loginsBefore);
    expect(lookup.status).toBe(429);
    expect(lookup.body.error_code).toBe('RATE_LIMITED');
    expect(lookup.body.error).toContain('temporary_ban');
    expect(Number(lookup.headers.get('retry-after'))).toBeGreaterThan(HOUR_SECONDS - 60);
  }, 60_000);
});
