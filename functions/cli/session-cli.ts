import { setTimeout as sleep } from 'node:timers/promises';
import QRCode from 'qrcode';
import { displayPairingCode, type SessionView } from '../api/session-bodies.ts';
import { normalisePhoneNumber } from '../domain/contact/normalise-phone-number.ts';
import { UpstreamTimeoutError } from '../domain/errors/app-errors.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import { createDynamoDbClient, createSqsClient } from '../platform/aws-clients.ts';
import { maskJid } from '../platform/mask-personal-data.ts';
import { SESSIONS_TABLE } from '../resources/table-definitions.ts';
import { readSessionConfig } from '../session-api/session-config.ts';
import {
  type SessionUseCases,
  wireSessionUseCases,
} from '../session-api/wire-session-use-cases.ts';
import { resolveCliTarget } from './cli-target.ts';
import { failWithUsage, parseCommandLine, runCli } from './run-cli.ts';

const USAGE = `Usage:
  npm run session -- pair --tenant <id> --user <id> [--phone <number>] [--timeout <seconds>]
  npm run session -- status --tenant <id> --user <id>
  npm run session -- logout --tenant <id> --user <id>

pair     links a WhatsApp account to the user's session: scan the QR code shown here, or with
         --phone enter the pairing code on that phone. The worker holding the session opens
         the connection to WhatsApp, exactly as for POST /session/pair.
status   shows the session's status, as GET /session does.
logout   unlinks the device from WhatsApp and deletes the stored session, as DELETE /session.

Acts on the running local stack (npm start), or on AWS when SESSIONS_TABLE_NAME is set (with
SESSION_COMMAND_QUEUE_URLS and REPLY_QUEUE_NAME_PREFIX, from the stack outputs).`;

/** How often `pair` reads the session's status while waiting for the phone. */
const POLL_EVERY_MS = 1_000;
const STILL_WAITING_EVERY_MS = 15_000;
const DEFAULT_TIMEOUT_SECONDS = 180;

function fail(message: string): never {
  return failWithUsage(message, USAGE);
}

async function main(): Promise<void> {
  const commandLine = parseCommandLine(USAGE, ['tenant', 'user', 'phone', 'timeout']);
  if (!commandLine) return;
  const { command, values } = commandLine;
  if (!['pair', 'status', 'logout'].includes(command)) fail(`unknown command: ${command}`);
  if (!values.tenant || !values.user) fail(`${command} needs --tenant and --user`);
  const identity: SessionIdentity = { tenantId: values.tenant, userId: values.user };
  const phoneDigits = values.phone ? normalisePhoneNumber(values.phone) : undefined;
  const timeoutSeconds = Number(values.timeout ?? DEFAULT_TIMEOUT_SECONDS);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds <= 0) {
    fail('--timeout must be whole seconds');
  }
  const target = await resolveCliTarget(SESSIONS_TABLE.envVar);
  // The same use cases as the session API function, on clients from the SDK's standard
  // variables (the local stack's endpoints when it is the target).
  const useCases = wireSessionUseCases(readSessionConfig(process.env), {
    dynamoDb: createDynamoDbClient(),
    sqs: createSqsClient(),
  });
  const who = `tenant ${identity.tenantId}, user ${identity.userId} (${target})`;

  switch (command) {
    case 'status':
      printStatus(who, await useCases.getSessionStatus(identity));
      return;
    case 'pair':
      process.exitCode = await pair(useCases, identity, who, phoneDigits, timeoutSeconds);
      return;
    case 'logout': {
      console.log(`Logging out the session of ${who}…`);
      const result = await useCases.logOutSession(identity, {
        deadline: Date.now() + useCases.config.SESSION_COMMAND_DEADLINE_MS,
      });
      console.log(
        result.unlinked ? 'WhatsApp unlinked the device.' : 'The session had no linked device.',
      );
      console.log('Deleted the stored session. Pair again with: npm run session -- pair ...');
      return;
    }
  }
}

function printStatus(who: string, view: SessionView): void {
  console.log(`Session of ${who}: ${view.status === 'restricted' ? 'connecting' : view.status}`);
  if (view.status === 'paired' || view.status === 'restricted') {
    if (view.jid) console.log(`  account:  ${maskJid(view.jid)}`);
    if (view.since) console.log(`  since:    ${view.since}`);
    if (view.restriction) {
      const until = view.restriction.endsAt ?? 'an end WhatsApp did not give';
      console.log(`  WhatsApp: ${view.restriction.reason} until ${until}`);
    }
  }
  if (view.status === 'logged_out') console.log('  Re-pair it with: npm run session -- pair ...');
}

/**
 * Starts (or continues) the attempt, then follows the session's status: each new QR payload is
 * printed as a terminal QR code, a pairing code once, until the phone links, the attempt ends
 * or the timeout passes.
 */
async function pair(
  useCases: SessionUseCases,
  identity: SessionIdentity,
  who: string,
  phoneDigits: string | undefined,
  timeoutSeconds: number,
): Promise<number> {
  const giveUpAt = Date.now() + timeoutSeconds * 1000;
  const { status } = await useCases.getSessionStatus(identity);
  if (status === 'paired' || status === 'restricted') {
    console.log(`Session of ${who} is already paired. To link another account, log out first:`);
    console.log(
      `  npm run session -- logout --tenant ${identity.tenantId} --user ${identity.userId}`,
    );
    return 0;
  }
  console.log(`Pairing a WhatsApp account with the session of ${who}.`);
  let view: SessionView;
  try {
    view = await useCases.startPairing(identity, {
      ...(phoneDigits ? { phoneDigits } : {}),
      waitUntil: Date.now() + useCases.config.PAIRING_FIRST_CODE_WAIT_MS,
    });
  } catch (error) {
    // The attempt goes on in the worker; its code may still come.
    if (!(error instanceof UpstreamTimeoutError)) throw error;
    view = { status: 'pairing' };
  }
  let shownQr: string | undefined;
  let shownCode: string | undefined;
  let linking = false;
  let stillWaitingAt = Date.now() + STILL_WAITING_EVERY_MS;
  for (;;) {
    if (view.status === 'pairing' && view.qr && view.qr !== shownQr) {
      shownQr = view.qr;
      console.log(await QRCode.toString(view.qr, { type: 'terminal', small: true }));
      console.log(
        'On the phone: WhatsApp → Settings → Linked devices → Link a device, then scan this code.',
      );
      console.log('The code refreshes about every 20 seconds; a new one will appear here.');
    }
    if (view.status === 'pairing' && view.pairingCode && view.pairingCode !== shownCode) {
      shownCode = view.pairingCode;
      console.log(`Pairing code: ${displayPairingCode(view.pairingCode)}`);
      console.log(
        'On the phone: WhatsApp → Settings → Linked devices → Link a device → "Link with phone number instead", then enter the code.',
      );
    }
    if (view.status === 'connecting' && !linking) {
      linking = true;
      console.log('The phone accepted the link; connecting as WhatsApp asks…');
    }
    if (view.status === 'paired') {
      console.log(`Paired: WhatsApp account ${view.jid ? maskJid(view.jid) : 'linked'}.`);
      console.log('The worker holding the session serves it from now on.');
      return 0;
    }
    if (view.status === 'unpaired' || view.status === 'logged_out') {
      console.error('The pairing attempt ended before the phone linked. Run the command again.');
      return 1;
    }
    if (Date.now() >= giveUpAt) {
      console.error(`Gave up after ${timeoutSeconds} s without a link. Run the command again.`);
      return 1;
    }
    if (Date.now() >= stillWaitingAt) {
      stillWaitingAt = Date.now() + STILL_WAITING_EVERY_MS;
      console.log(
        linking ? 'Finishing the link…' : 'Still waiting for the phone… (Ctrl+C to stop)',
      );
    }
    await sleep(POLL_EVERY_MS);
    view = await useCases.getSessionStatus(identity);
  }
}

runCli('session', main);
