import * as z from 'zod';

/**
 * The shape of results.json `capacityAtClaim`: the worker measured at the claimed session count
 * (bench/capacity-at-claim.ts, summed up by bench/capacity-results.ts).
 */

const lookups = z.object({
  count: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  failures: z.record(z.string(), z.number()),
  p50Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  maxMs: z.number().nonnegative(),
  deadlineMs: z.number().positive(),
});

const storm = z.object({
  lookupsPerSecond: z.number().positive(),
  pacing: z.object({ concurrency: z.number().int().nonnegative(), jitterMs: z.number() }),
  sessions: z.number().int().positive(),
  restartedAfterMs: z.number().nonnegative(),
  /** null: not within `servedWithinMs`, when `servedAtEnd` sessions were served. */
  halfServedAfterMs: z.number().nonnegative().nullable(),
  allServedAfterMs: z.number().nonnegative().nullable(),
  allServedAfterRestartMs: z.number().nonnegative().nullable(),
  servedWithinMs: z.number().positive(),
  servedAtEnd: z.number().int().nonnegative(),
  lookups,
  dynamoDb: z.object({
    peakRequestsPerSecond: z.number().nonnegative(),
    meanRequestsPerSecondWhileConnecting: z.number().nonnegative(),
    requestsWhileConnecting: z.number().nonnegative(),
    throttled: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    socketPoolAtCapacityWarnings: z.number().int().nonnegative(),
  }),
  firstThirtySeconds: z.object({
    cpuMs: z.number().nonnegative(),
    eventLoopDelayP99Ms: z.number().nonnegative(),
    eventLoopDelayMaxMs: z.number().nonnegative(),
  }),
});

const messageCost = z.object({
  messagesPerSecond: z.number().nonnegative(),
  cpuMsPerSecond: z.number(),
  cpuMsPerMessage: z.number(),
  decrypted: z.number().int().nonnegative(),
  retries: z.number().int().nonnegative(),
  plainAcks: z.number().int().nonnegative(),
  nacks: z.number().int().nonnegative(),
  /** The worker's DynamoDB requests per message, over the idle window's, by command. */
  dynamoDbPerMessage: z.record(z.string(), z.number()),
});

/** The measured run at the claimed count (results.json `capacityAtClaim`). */
export const capacityAtClaimSchema = z.object({
  date: z.iso.datetime(),
  machine: z.object({ cpu: z.string(), cores: z.number().int(), node: z.string() }),
  loadAverage1m: z.object({
    atStart: z.number(),
    duringMin: z.number(),
    duringMedian: z.number(),
    duringMax: z.number(),
    atEnd: z.number(),
  }),
  sessions: z.number().int().positive(),
  minutes: z.number().positive(),
  limits: z.string(),
  task: z.object({ vcpu: z.number(), memoryMb: z.number(), heapMb: z.number() }),
  firstConnectMs: z.number().nonnegative(),
  memory: z.object({
    peakRssMb: z.number().positive(),
    settledRssMb: z.number().positive(),
    settledHeapUsedMb: z.number().positive(),
    /** RSS at the end of each 30 s window, MB. */
    bySampleMb: z.array(z.number()),
    cgroupPeakMb: z.number().nullable(),
    cgroupLimitHits: z.number().nullable(),
  }),
  cpu: z.object({
    /** The worker's CPU over the window, ms per second (‰ of its one CPU). */
    meanMsPerSecond: z.number(),
    maxSampleMsPerSecond: z.number(),
    /** The stand-in (with the load) and dynalite, on the other core, ms per second. */
    standInMsPerSecond: z.number(),
    dynaliteMsPerSecond: z.number(),
  }),
  eventLoopDelay: z.object({
    p99MedianMs: z.number(),
    p99WorstMs: z.number(),
    maxMs: z.number(),
  }),
  messages: z.object({
    perMinutePerSession: z.number(),
    mix: z.string(),
    pushed: z.number().int().nonnegative(),
    byEncryption: z.record(z.string(), z.number()),
    decrypted: z.number().int().nonnegative(),
    retries: z.number().int().nonnegative(),
    plainAcks: z.number().int().nonnegative(),
    nacks: z.number().int().nonnegative(),
  }),
  lookups,
  dynamoDb: z.object({
    requestsPerSecond: z.number().nonnegative(),
    byCommand: z.record(z.string(), z.number()),
  }),
  perMessage: z.object({
    phaseSeconds: z.number(),
    perMinutePerSession: z.number(),
    idleCpuMsPerSecond: z.number(),
    ignored: messageCost,
    oneToOne: messageCost,
  }),
  storms: z.object({ unpaced: storm, paced: storm }),
  supervisorLog: z.array(z.string()),
});

export type CapacityAtClaim = z.infer<typeof capacityAtClaimSchema>;
