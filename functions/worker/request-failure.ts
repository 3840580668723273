import { AppError, retryAfterSecondsOf } from '../domain/errors/app-errors.ts';

/** A failed request's outcome: an AppError is answered as such, anything else retried. */
export function failureOutcome<B extends object>(
  base: B,
  error: unknown,
):
  | { kind: 'reply'; reply: B & FailureFields }
  | { kind: 'retry'; reply: B & FailureFields; error: unknown } {
  if (error instanceof AppError)
    return { kind: 'reply', reply: { ...base, ...failureFields(error) } };
  return {
    kind: 'retry',
    error,
    reply: {
      ...base,
      ok: false,
      errorCode: 'INTERNAL_ERROR',
      message: 'internal error; the request was logged and can be retried',
    },
  };
}

type FailureFields = ReturnType<typeof failureFields>;

/** How a reply carries an AppError: its code, its client-safe message, its Retry-After. */
export function failureFields(error: AppError) {
  const retryAfterSeconds = retryAfterSecondsOf(error);
  return {
    ok: false as const,
    errorCode: error.errorCode,
    message: error.message,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}
