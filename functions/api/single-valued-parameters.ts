import { ValidationError } from '../domain/errors/app-errors.ts';

/**
 * Collapses API Gateway's single- and multi-value parameters. A parameter given more than once
 * is accepted only when every value is the same; differing values are a ValidationError.
 */
export function singleValuedParameters(
  single: Record<string, string | undefined> | null | undefined,
  multi: Record<string, string[] | undefined> | null | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(single ?? {})) {
    if (value !== undefined) result[name] = value;
  }
  for (const [name, values] of Object.entries(multi ?? {})) {
    if (!values || values.length === 0) continue;
    if (new Set(values).size > 1) {
      throw new ValidationError(`${name} was given more than once with different values`);
    }
    result[name] = values[0] as string;
  }
  return result;
}
