import type { BenchResults } from './bench-results.ts';
import type { CapacityAtClaim } from './capacity-at-claim-schema.ts';

/**
 * docs/capacity.md's plan, computed: worker tasks from the sessions per task measured at the
 * claim, the sessions' own DynamoDB traffic from the requests per message measured there, and
 * the rest (leases, SQS polling, lookups) from the worker's loops as built and the page's stated
 * assumptions (prices, traffic, lookups). Rendered into the page as a generated block.
 */

const SECONDS_PER_MONTH = 730 * 3600;
/** us-east-1 list prices, as the page states them (USD). */
const PRICE = {
  taskMonth: 0.04048 * 730 + 0.004445 * 2 * 730,
  ipv4Month: 0.005 * 730,
  dynamoDbRead: 0.125e-6,
  dynamoDbWrite: 0.625e-6,
  sqsRequest: 0.4e-6,
  lambdaRequest: 0.2e-6,
  lambdaGbSecond: 0.0000166667,
  apiRequest: 3.5e-6,
} as const;
/** The page's traffic and lookup assumptions. */
const TRAFFIC = { messagesPerMinute: 2, oneToOneShare: 0.7, lookupsPerDay: 50, hitShare: 0.5 };
const LEASE_INTERVAL_S = 5;
const READS = /^(GetItem|BatchGetItem|Query|Scan)Command$/;

const SIZES = [
  { sessions: 1_000, shards: 16 },
  { sessions: 10_000, shards: 64 },
  { sessions: 100_000, shards: 1_024 },
] as const;

/** Reads and writes per message, weighted by the mix, from the per-kind phases of the run. */
function requestsPerMessage(run: CapacityAtClaim) {
  const split = (counts: Record<string, number>) => {
    let reads = 0;
    let writes = 0;
    for (const [name, count] of Object.entries(counts)) {
      if (READS.test(name)) reads += Math.max(0, count);
      else writes += Math.max(0, count);
    }
    return { reads, writes };
  };
  const oneToOne = split(run.perMessage.oneToOne.dynamoDbPerMessage ?? {});
  const ignored = split(run.perMessage.ignored.dynamoDbPerMessage ?? {});
  const share = TRAFFIC.oneToOneShare;
  return {
    reads: share * oneToOne.reads + (1 - share) * ignored.reads,
    writes: share * oneToOne.writes + (1 - share) * ignored.writes,
  };
}

export function capacityPlan(run: CapacityAtClaim) {
  const perMessage = requestsPerMessage(run);
  return SIZES.map(({ sessions, shards }) => {
    const tasks = Math.ceil(sessions / run.sessions) + 1;
    const messagesPerSecond = (sessions * TRAFFIC.messagesPerMinute) / 60;
    const keyStore = {
      reads: messagesPerSecond * perMessage.reads,
      writes: messagesPerSecond * perMessage.writes,
    };
    // Today's loop: every task tries every shard each heartbeat; fixed: only renewals.
    const leaseWrites = (tasks * shards) / LEASE_INTERVAL_S;
    const leaseWritesFixed = shards / LEASE_INTERVAL_S;
    const sqsPolling = (shards + tasks) / LEASE_INTERVAL_S;
    const lookups = (sessions * TRAFFIC.lookupsPerDay) / 86_400;
    const live = 1 - TRAFFIC.hitShare;
    const lookupDynamoDb = { reads: lookups * (1 + live * 3), writes: lookups * live };
    const lookupSqs = lookups * live * 6;
    const gbSecondsPerLookup = TRAFFIC.hitShare * 0.05 * 0.5 + live * 0.7 * 0.5;
    const month = (perSecond: number, price: number) => perSecond * SECONDS_PER_MONTH * price;
    const cost = {
      tasks: tasks * (PRICE.taskMonth + PRICE.ipv4Month),
      keyStoreReads: month(keyStore.reads, PRICE.dynamoDbRead),
      keyStoreWrites: month(keyStore.writes, PRICE.dynamoDbWrite),
      leases: month(leaseWrites, PRICE.dynamoDbWrite),
      leasesFixed: month(leaseWritesFixed, PRICE.dynamoDbWrite),
      sqsPolling: month(sqsPolling, PRICE.sqsRequest),
      api: month(lookups, PRICE.apiRequest),
      lambda: month(lookups, PRICE.lambdaRequest + gbSecondsPerLookup * PRICE.lambdaGbSecond),
      lookupSqs: month(lookupSqs, PRICE.sqsRequest),
      lookupDynamoDb:
        month(lookupDynamoDb.reads, PRICE.dynamoDbRead) +
        month(lookupDynamoDb.writes, PRICE.dynamoDbWrite),
    };
    const atRest =
      cost.tasks + cost.keyStoreReads + cost.keyStoreWrites + cost.leases + cost.sqsPolling;
    const atRestFixed = atRest - cost.leases + cost.leasesFixed;
    const lookupCost = cost.api + cost.lambda + cost.lookupSqs + cost.lookupDynamoDb;
    return {
      sessions,
      shards,
      tasks,
      keyStore,
      leaseWrites,
      leaseWritesFixed,
      sqsPolling,
      lookups,
      lookupDynamoDb,
      lookupSqs,
      cost,
      atRest,
      atRestFixed,
      withLookups: (sessions >= 100_000 ? atRestFixed : atRest) + lookupCost,
    };
  });
}

const n = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const usd = (value: number) => `$${n(value)}`;
const rate = (value: number) => n(value, value < 10 ? 1 : 0);

export function capacityPlanBlock(results: BenchResults): string[] {
  const run = results.capacityAtClaim;
  if (!run) return ['No run at the claimed count is recorded in bench/results.json.'];
  const [small, medium, large] = capacityPlan(run);
  if (!small || !medium || !large) return [];
  const columns = [small, medium, large];
  type Size = ReturnType<typeof capacityPlan>[number];
  const row = (label: string, cell: (size: Size) => string) =>
    `| ${label} | ${columns.map(cell).join(' | ')} |`;
  const perMessage = requestsPerMessage(run);
  return [
    `Computed by \`bench/capacity-plan.ts\` from the run at the claim (${run.sessions} sessions per task; ${n(perMessage.reads, 2)} DynamoDB reads and ${n(perMessage.writes, 2)} writes per incoming message in this page's mix, each request counted as one unit) and the assumptions below:`,
    '',
    '| | 1,000 sessions | 10,000 sessions | 100,000 sessions |',
    '| --- | --- | --- | --- |',
    row('Worker tasks (1 vCPU / 2 GiB)', (size) => String(size.tasks)),
    row('Shards (request queues)', (size) =>
      size.sessions >= 100_000
        ? `${n(size.shards)} buckets (needs the redesign below)`
        : String(size.shards),
    ),
    row(
      "DynamoDB, sessions' key store",
      (size) => `${rate(size.keyStore.reads)} reads/s, ${rate(size.keyStore.writes)} writes/s`,
    ),
    row("DynamoDB, shard leases (today's loop)", (size) =>
      size.sessions >= 100_000
        ? `${n(size.leaseWrites)} writes/s (with the redesign: ${rate(size.leaseWritesFixed)} writes/s)`
        : `${rate(size.leaseWrites)} writes/s`,
    ),
    row(
      'DynamoDB, lookups',
      (size) =>
        `${rate(size.lookupDynamoDb.reads)} reads/s, ${rate(size.lookupDynamoDb.writes)} writes/s`,
    ),
    row('SQS, polling at rest', (size) => `${rate(size.sqsPolling)} requests/s`),
    row('SQS, lookups', (size) => `${rate(size.lookupSqs)} requests/s`),
    row('Lookups (50 a session a day)', (size) => `${n(size.lookups, 2)}/s`),
    row('**Monthly cost at rest**', (size) =>
      size.sessions >= 100_000
        ? `**${usd(size.atRestFixed)}** (with the redesign)`
        : size.sessions >= 10_000
          ? `**${usd(size.atRest)}** (with the lease fix: ${usd(size.atRestFixed)})`
          : `**${usd(size.atRest)}**`,
    ),
    row('Monthly cost with lookups', (size) => usd(size.withLookups)),
    '',
    `How the 10,000 column splits: tasks ${usd(medium.cost.tasks)}, DynamoDB ${usd(medium.cost.keyStoreReads + medium.cost.keyStoreWrites + medium.cost.leases)} (key-store reads ${usd(medium.cost.keyStoreReads)}, writes ${usd(medium.cost.keyStoreWrites)}, leases ${usd(medium.cost.leases)}), SQS ${usd(medium.cost.sqsPolling)}; lookups add ${usd(medium.withLookups - medium.atRest)} (API Gateway ${usd(medium.cost.api)}, Lambda ${usd(medium.cost.lambda)}, SQS ${usd(medium.cost.lookupSqs)}, DynamoDB ${usd(medium.cost.lookupDynamoDb)}).`,
  ];
}
