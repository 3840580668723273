import * as z from 'zod';

/**
 * Reads a function's configuration from the environment once, at cold start. A missing or
 * malformed variable fails fast with an error naming it, instead of a default that would
 * differ between the local stack and AWS.
 */
export function parseEnvironment<Schema extends z.ZodObject>(
  schema: Schema,
  environment?: NodeJS.ProcessEnv,
): z.output<Schema>;
export function parseEnvironment<Shape extends z.ZodRawShape>(
  shape: Shape,
  environment?: NodeJS.ProcessEnv,
): z.output<z.ZodObject<Shape>>;
export function parseEnvironment(
  schemaOrShape: z.ZodObject | z.ZodRawShape,
  environment: NodeJS.ProcessEnv = process.env,
): unknown {
  const schema =
    schemaOrShape instanceof z.ZodObject ? schemaOrShape : z.object(schemaOrShape as z.ZodRawShape);
  const result = schema.safeParse(environment);
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
 * The environment a runtime's config schema reads, as the strings infrastructure sets: every
 * variable the schema requires is required here, every one with a default or marked optional
 * is optional, and any other name is a compile error where an object literal is given. The CDK
 * stacks type each function's environment with this, so infra and runtime cannot drift apart.
 */
export type EnvironmentOf<Schema extends z.ZodObject> = {
  [Name in keyof z.input<Schema>]: string;
};

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
