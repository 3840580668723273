import * as z from '../validation/zod-mini.ts';

/** Tenant and user ids become parts of keys; keep them to a safe, readable alphabet. */
export const identifierSchema = z
  .string()
  .check(
    z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores'),
  );
