import { en } from 'zod/locales';
import * as z from 'zod/mini';

// zod/mini, not the classic API: the Lambdas parse their configuration at every cold start, and
// the classic API's schemas (with every method on every instance) cost more to load than all of
// this parsing. zod/mini carries no locale until told; English (only) gives the classic messages.
z.config(en());

/**
 * Reads a function's configuration from the environment once, at cold start. A missing or
 * malformed variable fails fast with an error naming it, instead of a default that would
 * differ between the local stack and AWS. Values may be zod/mini or classic zod schemas.
 */
export function parseEnvironment<Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
  environment: NodeJS.ProcessEnv = process.env,
): z.output<z.ZodMiniObject<Shape>> {
  const result = z.object(shape).safeParse(environment);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return environment[name] === undefined
      ? `${name} is not set`
      : `${name} is invalid: ${issue.message}`;
  });
  throw new Error(`Configuration error: ${problems.join('; ')}`);
}

/**
 * Common variable shapes (zod/mini: refine with `.check(z.maximum(n))`, default with
 * `z._default(schema, value)`).
 */
export const environmentValues = {
  name: z.string().check(z.minLength(1)),
  url: z.url(),
  /** A comma-separated list of URLs (e.g. one request queue per shard, index = shard). */
  urlList: z.pipe(
    z.pipe(
      z.string().check(z.minLength(1)),
      z.transform((value: string) => value.split(',').map((url) => url.trim())),
    ),
    z.array(z.url()).check(z.minLength(1)),
  ),
  positiveInt: z.coerce.number().check(z.int(), z.positive()),
  nonNegativeInt: z.coerce.number().check(z.int(), z.nonnegative()),
  /** A reply-queue name prefix; never empty, which would match every queue in the account. */
  queueNamePrefix: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,40}$/)),
};

/** How long a cached profile counts as fresh, shared by the API and the worker's warm-ups. */
export const DEFAULT_CACHE_FRESH_SECONDS = 3600;
