import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import QRCode from 'qrcode';
import { SessionStatusStore } from '../adapters/dynamodb-session-status-store.ts';
import { normalisePhoneNumber } from '../domain/contact/normalise-phone-number.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import { parseEnvironment } from '../platform/parse-environment.ts';
import { SESSIONS_TABLE } from '../resources/table-definitions.ts';
import { baileysEnvironmentShape } from '../whatsapp/baileys-directory-config.ts';
import { DynamoDbAuthStateStore } from '../whatsapp/dynamodb-auth-state-store.ts';
import { createPairingSession } from '../whatsapp/pairing-session.ts';
import { createServingSession } from '../whatsapp/serving-session.ts';
import type { SessionEvent, WhatsAppSession } from '../whatsapp/whatsapp-session.ts';
import { resolveCliTarget } from './cli-target.ts';
import { failWithUsage, parseCommandLine, runCli } from './run-cli.ts';

const USAGE = `Usage:
  npm run session -- pair --tenant <id> --user <id> [--phone <number>] [--timeout <seconds>]
  npm run session -- status --tenant <id> --user <id>
  npm run session -- logout --tenant <id> --user <id>

pair     links a WhatsApp account to the user's session: scan the QR code shown here, or with
         --phone enter the pairing code on that phone; the session is stored in DynamoDB.
status   shows whether the session is paired, logged out or never paired.
logout   unlinks the device from WhatsApp and deletes the stored session.

Acts on the running local stack (npm start), or on AWS when SESSIONS_TABLE_NAME is set.
WA_WEBSOCKET_URL points the connection elsewhere than WhatsApp Web (tests, proxies).`;

const STILL_WAITING_EVERY_MS = 15_000;
/** After the link opens, Baileys still writes keys for a moment: let them land before exiting. */
const SETTLE_AFTER_OPEN_MS = 3_000;

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
  const target = await resolveCliTarget(SESSIONS_TABLE.envVar);
  const tableName = process.env[SESSIONS_TABLE.envVar] as string;
  const client = new DynamoDBClient({});
  const authStore = new DynamoDbAuthStateStore({ client, tableName, identity });
  const statusStore = new SessionStatusStore({ client, tableName });
  const who = `tenant ${identity.tenantId}, user ${identity.userId} (${target})`;

  switch (command) {
    case 'status': {
      const [status, auth] = await Promise.all([statusStore.get(identity), authStore.load()]);
      const state = auth.paired ? 'paired' : status.state === 'paired' ? 'unpaired' : status.state;
      console.log(`Session of ${who}: ${state}`);
      if (status.account) console.log(`  account:  ${status.account}`);
      if (status.state !== 'unpaired') console.log(`  updated:  ${status.updatedAt}`);
      if (status.reason) console.log(`  last:     ${status.reason}`);
      if (state === 'logged_out') console.log('  Re-pair it with: npm run session -- pair ...');
      return;
    }
    case 'pair': {
      const phone = values.phone ? normalisePhoneNumber(values.phone) : undefined;
      const timeoutSeconds = Number(values.timeout ?? 180);
      if (!Number.isInteger(timeoutSeconds) || timeoutSeconds <= 0)
        fail('--timeout must be whole seconds');
      if ((await authStore.load()).paired) {
        console.log(`Session of ${who} is already paired. To link another account, log out first:`);
        console.log(
          `  npm run session -- logout --tenant ${identity.tenantId} --user ${identity.userId}`,
        );
        return;
      }
      process.exitCode = await pair(identity, authStore, statusStore, who, phone, timeoutSeconds);
      return;
    }
    case 'logout': {
      await logout(identity, authStore, statusStore, who);
      return;
    }
  }
}

/** What the pairing and the serving session of the CLI share. */
function connectionOptions(
  identity: SessionIdentity,
  authStore: DynamoDbAuthStateStore,
  statusStore: SessionStatusStore,
  onEvent: (event: SessionEvent) => void,
) {
  const config = parseEnvironment(baileysEnvironmentShape);
  return {
    identity,
    authStore,
    statusStore,
    webSocketUrl: config.WA_WEBSOCKET_URL,
    logger: new Logger({ serviceName: 'session-cli', logLevel: 'ERROR' }),
    connectTimeoutMs: config.WA_CONNECT_TIMEOUT_MS,
    onEvent,
  };
}

async function pair(
  identity: SessionIdentity,
  authStore: DynamoDbAuthStateStore,
  statusStore: SessionStatusStore,
  who: string,
  phone: string | undefined,
  timeoutSeconds: number,
): Promise<number> {
  console.log(`Pairing a WhatsApp account with the session of ${who}.`);
  let session: WhatsAppSession | undefined;
  const outcome = await new Promise<number>((resolve) => {
    let linked = false;
    const stillWaiting = setInterval(() => {
      console.log(linked ? 'Finishing the link…' : 'Still waiting for the phone… (Ctrl+C to stop)');
    }, STILL_WAITING_EVERY_MS);
    const giveUp = setTimeout(() => {
      console.error(`Gave up after ${timeoutSeconds} s without a link. Run the command again.`);
      resolve(1);
    }, timeoutSeconds * 1000);
    const finish = (code: number) => {
      clearInterval(stillWaiting);
      clearTimeout(giveUp);
      resolve(code);
    };
    const onEvent = (event: SessionEvent) => {
      switch (event.type) {
        case 'connecting':
          console.log(`Connecting to ${event.url} …`);
          return;
        case 'qr':
          QRCode.toString(event.qr, { type: 'terminal', small: true }).then((qr) => {
            console.log(qr);
            console.log(
              'On the phone: WhatsApp → Settings → Linked devices → Link a device, then scan this code.',
            );
            console.log('The code refreshes about every 20 seconds; a new one will appear here.');
          });
          return;
        case 'pairing-code':
          console.log(`Pairing code: ${event.code.slice(0, 4)}-${event.code.slice(4)}`);
          console.log(
            'On the phone: WhatsApp → Settings → Linked devices → Link a device → "Link with phone number instead", then enter the code.',
          );
          return;
        case 'reconnecting':
          if (event.delayMs === 0) {
            linked = true;
            console.log('The phone accepted the link; reconnecting as WhatsApp asks…');
          } else {
            console.log(`Connection lost; retrying in ${Math.round(event.delayMs / 1000)} s…`);
          }
          return;
        case 'open':
          console.log(`Paired: WhatsApp account ${event.account}. Saving the session…`);
          setTimeout(() => finish(0), SETTLE_AFTER_OPEN_MS);
          return;
        case 'logged-out':
          console.error('WhatsApp refused the link (logged out). Run the command again.');
          finish(1);
          return;
        case 'closed':
          console.error(
            `The connection closed before the link finished: ${event.reason}${event.statusCode ? ` (code ${event.statusCode})` : ''}.`,
          );
          finish(1);
          return;
        case 'fenced':
          console.error('A worker took this session over while pairing. Run the command again.');
          finish(1);
          return;
      }
    };
    session = createPairingSession({
      ...connectionOptions(identity, authStore, statusStore, onEvent),
      ...(phone && { phoneNumber: phone }),
    });
    session.start().catch((error: unknown) => {
      console.error(
        `Could not start the session: ${error instanceof Error ? error.message : error}`,
      );
      finish(1);
    });
  });
  await session?.close();
  if (outcome === 0) {
    console.log(
      'Done. The session is stored in DynamoDB; a worker with WA_BACKEND=baileys serves it.',
    );
  }
  return outcome;
}

async function logout(
  identity: SessionIdentity,
  authStore: DynamoDbAuthStateStore,
  statusStore: SessionStatusStore,
  who: string,
): Promise<void> {
  if (!(await authStore.load()).paired) {
    console.log(`Session of ${who} is not paired; nothing to log out.`);
    return;
  }
  console.log(`Unlinking the device of ${who} from WhatsApp…`);
  // Logging out needs the paired session's open socket: a serving session, briefly.
  const session = createServingSession({
    ...connectionOptions(identity, authStore, statusStore, () => undefined),
    backoff: { baseMs: 1_000, maxMs: 10_000 },
  });
  try {
    await session.start();
    const socket = await session.waitUntilOpen(AbortSignal.timeout(20_000), 20_000);
    await socket.logout('logged out with the session CLI');
    console.log('WhatsApp unlinked the device.');
  } catch {
    console.warn(
      'Could not reach WhatsApp to unlink the device; remove it on the phone under Linked devices.',
    );
  } finally {
    await session.close();
  }
  await authStore.clear();
  await statusStore.put(identity, {
    state: 'logged_out',
    reason: 'logged out with the session CLI',
  });
  console.log('Deleted the stored session. Pair again with: npm run session -- pair ...');
}

runCli('session', main);
