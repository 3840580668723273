import * as z from 'zod';

/**
 * Reads a function's configuration from the environment once, at cold start. A missing or
 * malformed variable fails fast with an error naming it, instead of a default that would
 * differ between the local stack and AWS.
 */
export function parseEnvironment<Shape extends z.ZodRawShape>(
  shape: Shape,
  environment: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<Shape>> {
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

/** Common variable shapes. */
export const environmentValues = {
  name: z.string().min(1),
  url: z.url(),
  /** A comma-separated list of URLs (e.g. one request queue per shard, index = shard). */
  urlList: z
    .string()
    .min(1)
    .transform((value) => value.split(',').map((url) => url.trim()))
    .pipe(z.array(z.url()).min(1)),
  positiveInt: z.coerce.number().int().positive(),
  nonNegativeInt: z.coerce.number().int().nonnegative(),
};
