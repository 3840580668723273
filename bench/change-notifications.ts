import { readFile, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { decodeBinaryNode, encodeBinaryNode } from 'baileys';
import { DynamoDbContactChangeCache } from '../functions/adapters/dynamodb-contact-change-cache.ts';
import { createGetContactProfile } from '../functions/contacts/get-profile/get-contact-profile.ts';
import type { ContactChange } from '../functions/domain/contact/contact-change.ts';
import type { ContactProfile } from '../functions/domain/contact/contact-profile.ts';
import { DEFAULT_CACHE_FRESH_SECONDS } from '../functions/resources/runtime-limits.ts';
import { readNotification } from '../functions/whatsapp/contact-change-notifications.ts';
import { createApplyContactChange } from '../functions/worker/apply-contact-change.ts';
import { silentLogger } from '../test/support/logging/silent-logger.ts';
import { aboutChanged, pictureChanged } from '../test/support/whatsapp/stand-in-contact-changes.ts';
import { writeBenchDocuments } from './bench-docs.ts';
import { benchResultsSchema } from './bench-results.ts';
import {
  type ChangeNotificationResults,
  changeNotificationsBlock,
  changeNotificationsSchema,
} from './change-notifications-results.ts';
import { MemoryProfileStore, memoryDynamoDbHandler } from './change-notifications-stores.ts';
import { percentile, roundTo } from './sample-statistics.ts';

/**
 * What change notifications save and cost (issue 26), in two parts.
 *
 * The replay: one session's day of reads and contact changes, through the real use cases
 * (getContactProfile's freshness rules, applyContactChange on the cache) on an in-memory cache
 * with a clock that jumps from event to event, under three ways of serving: the cache ageing by
 * time only (what the product did before), `refresh=true` on every read (what a tenant who must
 * never serve an outdated profile had to do), and notifications keeping the cache true. Each
 * live lookup (a worker request) is counted, and each answer that differs from the contact's
 * profile at that moment.
 *
 * The CPU: a notification as the socket receives it (the frame's bytes), decoded by Baileys,
 * read by our parser and applied through the use case and the real DynamoDB adapter, whose
 * requests an in-process stand-in answers (no network: the SDK's own work is counted, the
 * round trips are not), timed with process.cpuUsage.
 */

export interface ChangeNotificationSettings {
  contacts: number;
  changesPerDay: number;
  readsPerContactPerDay: number;
  cpuNotifications: number;
  cpuRounds: number;
}

export const CHANGE_NOTIFICATION_SETTINGS = {
  quick: {
    contacts: 100,
    changesPerDay: 10,
    readsPerContactPerDay: 5,
    cpuNotifications: 100,
    cpuRounds: 2,
  },
  // A busy CRM session: a thousand contacts read five times a day each, one in ten changing
  // something a day.
  full: {
    contacts: 1_000,
    changesPerDay: 100,
    readsPerContactPerDay: 5,
    cpuNotifications: 2_000,
    cpuRounds: 7,
  },
} as const satisfies Record<string, ChangeNotificationSettings>;

/** The share of each kind of change in the replayed mix (an assumption, stated in the docs). */
export const CHANGE_MIX = {
  picture: 0.35,
  about: 0.35,
  devices: 0.25,
  verifiedName: 0.05,
} as const;

const DAY_MS = 86_400_000;
const IDENTITY = { tenantId: 'bench', userId: 'notifications' };

/** mulberry32: the same day replayed on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type DayEvent =
  | { at: number; kind: 'read'; contact: number }
  | { at: number; kind: keyof typeof CHANGE_MIX; contact: number };

const jidOf = (contact: number) => `55119${String(10_000_000 + contact)}@s.whatsapp.net`;

function profileOf(contact: number, version: Record<string, number>): ContactProfile {
  const jid = jidOf(contact);
  const name = version.verifiedName ?? 0;
  return {
    jid,
    user_info: {
      Status: `about ${version.about ?? 0}`,
      PictureID: String(1_700_000_000 + (version.picture ?? 0)),
      Devices: Array.from({ length: 1 + (version.devices ?? 0) }, (_, device) =>
        jid.replace('@', `:${device}@`),
      ),
      VerifiedName:
        name === 0
          ? null
          : { Certificate: { signature: 'c2ln' }, Details: { verifiedName: `Business ${name}` } },
    },
    business_profile: null,
  };
}

function dayOfEvents(settings: ChangeNotificationSettings): DayEvent[] {
  const random = seeded(26);
  const events: DayEvent[] = [];
  for (let contact = 0; contact < settings.contacts; contact++) {
    for (let read = 0; read < settings.readsPerContactPerDay; read++) {
      events.push({ at: random() * DAY_MS, kind: 'read', contact });
    }
  }
  const kinds = Object.entries(CHANGE_MIX) as [keyof typeof CHANGE_MIX, number][];
  for (let change = 0; change < settings.changesPerDay; change++) {
    const pick = random();
    let below = 0;
    const kind =
      kinds.find(([, share]) => {
        below += share;
        return pick < below;
      })?.[0] ?? 'picture';
    events.push({
      at: random() * DAY_MS,
      kind,
      contact: Math.floor(random() * settings.contacts),
    });
  }
  return events.sort((a, b) => a.at - b.at);
}

function changeFor(kind: keyof typeof CHANGE_MIX, profile: ContactProfile): ContactChange {
  const jids = [profile.jid];
  switch (kind) {
    case 'picture':
      return { jids, fields: ['PictureID'], values: { PictureID: profile.user_info.PictureID } };
    case 'about':
      return { jids, fields: ['Status'], values: { Status: profile.user_info.Status } };
    case 'verifiedName':
      return {
        jids,
        fields: ['VerifiedName'],
        values: { VerifiedName: profile.user_info.VerifiedName },
      };
    case 'devices':
      return { jids, fields: ['Devices'], values: {} };
  }
}

/** One day of `events` under a way of serving; counts live lookups and outdated answers. */
async function replay(
  settings: ChangeNotificationSettings,
  events: DayEvent[],
  mode: 'timeOnly' | 'refreshEveryRead' | 'notifications',
) {
  let now = 0;
  const clock = () => now;
  const versions = Array.from({ length: settings.contacts }, () => ({}) as Record<string, number>);
  const store = new MemoryProfileStore(clock);
  // Warm: each contact fetched once at a random moment of the day before.
  const warm = seeded(7);
  for (let contact = 0; contact < settings.contacts; contact++) {
    const fetchedAt = -warm() * DAY_MS;
    store.putAt(profileOf(contact, versions[contact] ?? {}), fetchedAt);
  }
  const contactOfJid = new Map(versions.map((_, contact) => [jidOf(contact), contact]));
  let liveLookups = 0;
  let outdatedAnswers = 0;
  let emitted = 0;
  const getContactProfile = createGetContactProfile({
    cache: store,
    freshSeconds: DEFAULT_CACHE_FRESH_SECONDS,
    staleFallbackAfterMs: 3_000,
    now: clock,
    workerClient: {
      // The worker: asks WhatsApp (the contact as it is now) and writes the cache.
      request: async (_identity, contact) => {
        liveLookups += 1;
        const index = contact.kind === 'jid' ? (contactOfJid.get(contact.jid) ?? -1) : -1;
        const profile = profileOf(index, versions[index] ?? {});
        store.putAt(profile, now);
        return { profile, fetchedAt: now };
      },
    },
  });
  const applyContactChange = createApplyContactChange({
    cache: store,
    events: {
      publishContactChanged: async () => {
        emitted += 1;
      },
    },
    logger: silentLogger(),
    now: clock,
  });
  for (const event of events) {
    now = event.at;
    const version = versions[event.contact] ?? {};
    if (event.kind === 'read') {
      const answer = await getContactProfile({
        identity: IDENTITY,
        contact: { kind: 'jid', jid: jidOf(event.contact) },
        refresh: mode === 'refreshEveryRead',
        deadline: now + 10_000,
      });
      const truth = JSON.stringify(profileOf(event.contact, version).user_info);
      if (JSON.stringify(JSON.parse(answer.profileJson).user_info) !== truth) outdatedAnswers += 1;
      continue;
    }
    version[event.kind] = (version[event.kind] ?? 0) + 1;
    if (mode === 'notifications') {
      await applyContactChange(IDENTITY, changeFor(event.kind, profileOf(event.contact, version)));
    }
  }
  return { liveLookups, outdatedAnswers, events: emitted };
}

/** CPU per notification through decode, parse, the use case and the real DynamoDB adapter. */
async function notificationCpu(settings: ChangeNotificationSettings) {
  const handler = memoryDynamoDbHandler();
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: 'http://dynamodb.bench.invalid',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    requestHandler: handler,
  });
  const contacts = 50;
  for (let contact = 0; contact < contacts; contact++) {
    handler.seedProfile('bench#notifications', profileOf(contact, {}), Date.now() - 60_000);
  }
  const applyContactChange = createApplyContactChange({
    cache: new DynamoDbContactChangeCache({ client, tableName: 'cache' }),
    events: { publishContactChanged: async () => undefined },
    logger: silentLogger(),
  });
  let sequence = 0;
  const frames = (count: number) =>
    Array.from({ length: count }, () => {
      sequence += 1;
      const jid = jidOf(sequence % contacts);
      const node =
        sequence % 2 === 0
          ? pictureChanged(jid, String(1_800_000_000 + sequence))
          : aboutChanged(jid, `about ${sequence} ✨`);
      return Buffer.from(encodeBinaryNode(node));
    });
  const handleFrame = async (frame: Buffer) => {
    const reading = readNotification(await decodeBinaryNode(frame));
    if (reading.kind !== 'changes') throw new Error('the bench notification did not parse');
    for (const change of reading.changes) await applyContactChange(IDENTITY, change);
  };
  for (const frame of frames(Math.min(100, settings.cpuNotifications))) await handleFrame(frame);
  const perRound: number[] = [];
  const requestsBefore = handler.requests;
  for (let round = 0; round < settings.cpuRounds; round++) {
    const batch = frames(settings.cpuNotifications);
    const started = process.cpuUsage();
    const wall = performance.now();
    for (const frame of batch) await handleFrame(frame);
    const used = process.cpuUsage(started);
    perRound.push((used.user + used.system) / batch.length);
    if (performance.now() - wall > 60_000) break;
  }
  const sorted = [...perRound].sort((a, b) => a - b);
  return {
    notifications: settings.cpuNotifications,
    rounds: perRound.length,
    microsPerNotification: roundTo(percentile(sorted, 50), 1),
    microsPerNotificationP90: roundTo(percentile(sorted, 90), 1),
    dynamoDbRequestsPerNotification: roundTo(
      (handler.requests - requestsBefore) / (perRound.length * settings.cpuNotifications),
      2,
    ),
  };
}

/** The replayed day under the three ways of serving (the same events for each). */
export async function replayDayOfChanges(settings: ChangeNotificationSettings) {
  const events = dayOfEvents(settings);
  return {
    reads: events.filter((event) => event.kind === 'read').length,
    timeOnly: await replay(settings, events, 'timeOnly'),
    refreshEveryRead: await replay(settings, events, 'refreshEveryRead'),
    notifications: await replay(settings, events, 'notifications'),
  };
}

export async function measureChangeNotifications(
  settings: ChangeNotificationSettings,
): Promise<ChangeNotificationResults> {
  const { reads, timeOnly, refreshEveryRead, notifications } = await replayDayOfChanges(settings);
  return changeNotificationsSchema.parse({
    contacts: settings.contacts,
    changesPerDay: settings.changesPerDay,
    readsPerContactPerDay: settings.readsPerContactPerDay,
    freshHours: DEFAULT_CACHE_FRESH_SECONDS / 3600,
    mix: CHANGE_MIX,
    reads,
    timeOnly: { liveLookups: timeOnly.liveLookups, outdatedAnswers: timeOnly.outdatedAnswers },
    refreshEveryRead: {
      liveLookups: refreshEveryRead.liveLookups,
      outdatedAnswers: refreshEveryRead.outdatedAnswers,
    },
    notifications,
    lookupsSavedPerDay: refreshEveryRead.liveLookups - notifications.liveLookups,
    cpu: await notificationCpu(settings),
  });
}

export function printChangeNotifications(results: ChangeNotificationResults): void {
  console.log(changeNotificationsBlock(results).join('\n'));
}

/**
 * `npm run bench -- --notifications`: this piece alone, merged into the results file and the
 * generated docs (with `--quick`: small sizes, printed only, nothing written).
 */
export async function changeNotificationsOnly(options: {
  quick: boolean;
  resultsFile: string;
  repoRoot: string;
  step: (label: string) => void;
}): Promise<void> {
  options.step('change notifications only');
  const results = await measureChangeNotifications(
    CHANGE_NOTIFICATION_SETTINGS[options.quick ? 'quick' : 'full'],
  );
  printChangeNotifications(results);
  if (!options.quick) {
    const existing = benchResultsSchema.parse(
      JSON.parse(await readFile(options.resultsFile, 'utf8')),
    );
    const merged = benchResultsSchema.parse({ ...existing, changeNotifications: results });
    await writeFile(options.resultsFile, `${JSON.stringify(merged, null, 2)}\n`);
    await writeBenchDocuments(options.repoRoot, merged);
  }
  options.step('done');
}
