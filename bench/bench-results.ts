import * as z from 'zod';

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
  livePath: z.object({
    sqsRoundTripP50Ms: z.number().positive(),
    sqsRoundTripP99Ms: z.number().positive(),
  }),
  bundles: z.object({ profileKb: z.number().positive(), authorizerKb: z.number().positive() }),
  coldInit: z.object({ overEmptyMs: z.number() }),
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
  profileKb: 150,
  authorizerKb: 100,
  coldInitOverEmptyMs: 100,
} as const;
