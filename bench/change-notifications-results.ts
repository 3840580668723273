import * as z from 'zod';

/**
 * The change-notification piece of bench/results.json (measured by bench/change-notifications.ts)
 * and its generated block in docs/capacity.md, kept apart from the measuring so the results
 * schema and the docs test load neither Baileys nor the SDK.
 */

const strategy = z.object({
  liveLookups: z.number().int().nonnegative(),
  outdatedAnswers: z.number().int().nonnegative(),
});

export const changeNotificationsSchema = z.object({
  contacts: z.number().int().positive(),
  changesPerDay: z.number().int().nonnegative(),
  readsPerContactPerDay: z.number().positive(),
  freshHours: z.number().positive(),
  mix: z.object({
    picture: z.number(),
    about: z.number(),
    devices: z.number(),
    verifiedName: z.number(),
  }),
  reads: z.number().int().nonnegative(),
  timeOnly: strategy,
  refreshEveryRead: strategy,
  notifications: strategy.extend({ events: z.number().int().nonnegative() }),
  /** refreshEveryRead's lookups less notifications': saved at the same (no) outdated answers. */
  lookupsSavedPerDay: z.number().int(),
  cpu: z.object({
    notifications: z.number().int().positive(),
    rounds: z.number().int().positive(),
    /** Median over rounds of CPU µs per notification (decode, parse, cache update, event). */
    microsPerNotification: z.number().positive(),
    microsPerNotificationP90: z.number().positive(),
    dynamoDbRequestsPerNotification: z.number().nonnegative(),
  }),
});

export type ChangeNotificationResults = z.infer<typeof changeNotificationsSchema>;

/** The generated block: the replay's assumptions, its counts, and the CPU per notification. */
export function changeNotificationsBlock(results: ChangeNotificationResults | undefined): string[] {
  if (!results) return ['No change-notification run is recorded in bench/results.json.'];
  const { mix, timeOnly, refreshEveryRead, notifications, cpu } = results;
  const percent = (share: number) => `${Math.round(share * 100)} %`;
  return [
    `Replayed: one session, ${results.contacts} cached contacts, each read ${results.readsPerContactPerDay} times a day at random moments (${results.reads} reads), ${results.changesPerDay} contact changes a day (${percent(mix.picture)} pictures, ${percent(mix.about)} about texts, ${percent(mix.devices)} device lists, ${percent(mix.verifiedName)} verified names), entries fresh for ${results.freshHours} h and fetched at random moments of the day before:`,
    '',
    '| Serving | Live lookups a day | Outdated answers |',
    '|---|---|---|',
    `| Cache ageing by time only | ${timeOnly.liveLookups} | ${timeOnly.outdatedAnswers} |`,
    `| \`refresh=true\` on every read | ${refreshEveryRead.liveLookups} | ${refreshEveryRead.outdatedAnswers} |`,
    `| Change notifications keeping the cache true | ${notifications.liveLookups} | ${notifications.outdatedAnswers} |`,
    '',
    `**Live lookups saved a day** against refreshing every read, with no outdated answer either way: **${results.lookupsSavedPerDay}**; \`contact.changed\` events sent: ${notifications.events}.`,
    '',
    `CPU per notification (decoded from its frame, parsed, applied through the cache adapter, the DynamoDB client's own work included, its round trips not): median ${cpu.microsPerNotification} µs, p90 ${cpu.microsPerNotificationP90} µs over ${cpu.rounds} rounds of ${cpu.notifications} (half pictures, half about texts); ${cpu.dynamoDbRequestsPerNotification} DynamoDB requests per notification.`,
  ];
}
