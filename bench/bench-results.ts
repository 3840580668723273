import * as z from 'zod';
import { capacityAtClaimSchema } from './capacity-at-claim-schema.ts';
import { changeNotificationsSchema } from './change-notifications-results.ts';

/** Quartiles of paired differences and the median's 95 % confidence interval (ms). */
const spread = z.object({
  p25: z.number(),
  p75: z.number(),
  ci95: z.tuple([z.number(), z.number()]),
});

const coldInit = z.object({
  /** Paired runs: each cold start of the bundle right after one of the empty handler. */
  pairs: z.number().int().positive(),
  /** Median of the pairs' CPU differences. */
  cpuOverEmptyMs: z.number(),
  cpuOverEmptySpread: spread,
  wallOverEmptyMs: z.number(),
  importCpuOverEmptyMs: z.number(),
  firstRequestCpuMs: z.number(),
});

const gatewayLoad = z.object({
  rps: z.number().nonnegative(),
  p50Ms: z.number().nonnegative(),
  p99Ms: z.number().nonnegative(),
});

/** The shape of bench/results.json (issue #6): numbers, not strings. */
export const benchResultsSchema = z.object({
  cachedHit: z.object({
    handlerOverRawGetItem: z.number().positive(),
    gateway: z.object({ c1: gatewayLoad, c32: gatewayLoad }),
  }),
  /** POST /contacts/profiles: 50 cached contacts in one call against 50 single calls. */
  batch: z
    .object({
      contacts: z.number().int().positive(),
      cachedBatchP50Ms: z.number().positive(),
      fiftySingleCallsP50Ms: z.number().positive(),
      singlesOverBatch: z.number().positive(),
      uncachedBatchMs: z.number().positive(),
      /** Requests the 50 uncached contacts took to the worker: must be 1. */
      workerRoundTrips: z.number().int().nonnegative(),
    })
    .optional(),
  livePath: z.object({
    sqsRoundTripP50Ms: z.number().positive(),
    sqsRoundTripP99Ms: z.number().positive(),
  }),
  /** Per function of BENCHED_FUNCTIONS (bench/lambda-functions.ts). */
  functions: z.record(
    z.string(),
    z.object({
      bundleKb: z.number().positive(),
      budgetKb: z.number().positive(),
      overBudget: z.boolean(),
      coldInit,
    }),
  ),
  /** The empty handler's cold start (process start to answer), which the above are over. */
  coldInitBaseline: z.object({
    cpuMs: z.number().positive(),
    wallMs: z.number().positive(),
    cpuSpread: spread,
  }),
  /** The cold-start levers (bench/cold-start-variants.ts), keyed `<function> (<variant>)`. */
  coldInitVariants: z.record(z.string(), coldInit),
  /** When the cold-init step ran (it can run alone: `npm run bench -- --cold`). */
  coldInitRun: z.object({
    date: z.iso.datetime(),
    pairsPerBundle: z.number().int().positive(),
    loadAverage1mAtStart: z.number().nonnegative(),
    loadAverage1mAtEnd: z.number().nonnegative(),
    firstRequestEndpoints: z.string(),
  }),
  /** Sessions one worker task holds, measured on the WhatsApp server stand-in. */
  sessionCapacity: z
    .object({
      sessions: z.number().int().positive(),
      openedInMs: z.number().nonnegative(),
      /** Logins the stand-in saw over the run: more than `sessions` means sockets dropped. */
      logins: z.number().int().nonnegative().optional(),
      messagesPerMinutePerSession: z.number().nonnegative(),
      baseline: z.object({ rssMb: z.number().positive(), heapUsedMb: z.number().positive() }),
      perSession: z.object({
        rssMb: z.number(),
        heapUsedMb: z.number(),
        idleCpuPermille: z.number(),
        receivingCpuPermille: z.number(),
        cpuMsPerIncomingMessage: z.number(),
        dynamoDbRequestsOnConnect: z.number().nonnegative(),
        dynamoDbRequestsPerMinuteIdle: z.number().nonnegative(),
        dynamoDbRequestsPerMinuteReceiving: z.number().nonnegative(),
      }),
      lookups: z.object({
        count: z.number().int().nonnegative(),
        answered: z.number().int().nonnegative(),
        failures: z.record(z.string(), z.number()),
        p50Ms: z.number().nullable(),
        p99Ms: z.number().nullable(),
        deadlineMs: z.number().positive(),
        dynamoDbRequestsPerLookup: z.number().nonnegative(),
      }),
      perTask: z.object({
        vcpu: z.number().positive(),
        memoryMb: z.number().positive(),
        memoryBound: z.number().int(),
        cpuBoundIdle: z.number().int(),
        cpuBoundReceiving: z.number().int(),
        sessions: z.number().int(),
      }),
      dynamoDbByCommand: z.record(z.string(), z.record(z.string(), z.number())),
      loadAverage1m: z.number().nonnegative(),
    })
    .optional(),
  /** What change notifications save (live lookups a day) and cost (CPU per notification). */
  changeNotifications: changeNotificationsSchema.optional(),
  /** The worker at the claimed count for real (npm run bench:capacity): see capacity-results.ts. */
  capacityAtClaim: capacityAtClaimSchema.optional(),
  machine: z.object({
    cpu: z.string(),
    cores: z.number().int().positive(),
    memoryGb: z.number().positive(),
    os: z.string(),
    node: z.string(),
    loadAverage1mAtStart: z.number().nonnegative(),
    loadAverage1mAtEnd: z.number().nonnegative(),
  }),
  date: z.iso.datetime(),
});

export type BenchResults = z.infer<typeof benchResultsSchema>;

/** The targets; a number past its target is reported, never hidden. */
export const TARGETS = {
  handlerOverRawGetItem: 1.3,
  sqsRoundTripP50Ms: 15,
  /** CPU time of import + first request over an empty handler's, per function. */
  coldInitCpuOverEmptyMs: 100,
} as const;
