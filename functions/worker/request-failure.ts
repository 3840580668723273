import { AppError, retryAfterSecondsOf } from '../domain/errors/app-errors.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';

/** What the worker does with one message: a reply to send, or the reply and a retry later. */
export type RequestOutcome<Reply> =
  | { kind: 'reply'; reply: Reply }
  | { kind: 'retry'; reply: Reply; error: unknown };

/**
 * Answers one message for the user it names: what `answer` returns in an `ok` reply to its
 * correlation id, or what it throws through the worker's one failure mapping (below).
 */
export async function answerMessage<Answer extends object>(
  message: { tenantId: string; userId: string; correlationId: string },
  answer: (identity: SessionIdentity) => Promise<Answer>,
) {
  const base = { version: 1 as const, correlationId: message.correlationId };
  try {
    const fields = await answer({ tenantId: message.tenantId, userId: message.userId });
    return { kind: 'reply' as const, reply: { ...base, ok: true as const, ...fields } };
  } catch (error) {
    return failureOutcome(base, error);
  }
}

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
