// Bench variant (bench/cold-start-variants.ts): functions/domain/validation/zod-mini.ts on zod's
// classic API, as the contacts and session functions' schemas were before they moved to zod/mini
// (the classic API sets English messages itself). Built in place of that file: the same schemas,
// built from the classic classes, whose instances carry every method.
import type * as z from 'zod';

export * from 'zod';

/** zod/mini's `extend` function; the classic API has it as a method. */
export function extend<Schema extends z.ZodObject, Shape extends z.core.$ZodLooseShape>(
  schema: Schema,
  shape: Shape,
) {
  return schema.extend(shape);
}

/** zod/mini's name for the classic API's `lte` check. */
export { lte as maximum } from 'zod';
