// zod/mini with English messages, as every schema of ours (see zod-mini.ts for why).
import * as z from '../domain/validation/zod-mini.ts';

/** A function's configuration schema: an object of one schema per environment variable. */
export type ConfigSchema = z.ZodMiniObject;

/**
 * Reads a function's configuration from the environment once, at cold start. A missing or
 * malformed variable fails fast with an error naming it, instead of a default that would
 * differ between the local stack and AWS. Takes the runtime's exported schema, or a plain shape.
 */
export function parseEnvironment<Schema extends ConfigSchema>(
  schema: Schema,
  environment?: NodeJS.ProcessEnv,
): z.output<Schema>;
export function parseEnvironment<Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
  environment?: NodeJS.ProcessEnv,
): z.output<z.ZodMiniObject<Shape>>;
export function parseEnvironment(
  schemaOrShape: ConfigSchema | z.core.$ZodLooseShape,
  environment: NodeJS.ProcessEnv = process.env,
): unknown {
  const schema =
    '_zod' in schemaOrShape ? (schemaOrShape as ConfigSchema) : z.object(schemaOrShape);
  const result = schema.safeParse(environment);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '');
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
export type EnvironmentOf<Schema extends ConfigSchema> = {
  [Name in keyof z.input<Schema>]: string;
};

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
};
