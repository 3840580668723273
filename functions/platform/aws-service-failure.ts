import { AppError, ServiceUnavailableError } from '../domain/errors/app-errors.ts';

const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
]);

/**
 * Whether an AWS SDK failure means the service is unreachable or overloaded (a 503 for the
 * caller) rather than a bug in our request (which stays a 500). Reads the SDK's own fault
 * metadata and Node's network error codes.
 */
export function isServiceUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const failure = error as {
    $fault?: string;
    $retryable?: unknown;
    code?: string;
    name?: string;
    cause?: unknown;
  };
  if (failure.$fault === 'server' || failure.$retryable) return true;
  if (failure.code && NETWORK_ERROR_CODES.has(failure.code)) return true;
  if (error instanceof Error && error.name === 'TimeoutError') return true;
  return failure.cause !== undefined && isServiceUnavailable(failure.cause);
}

/** Runs an AWS call; an unreachable or overloaded service becomes a ServiceUnavailableError. */
export async function whenServiceAvailable<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof AppError) && isServiceUnavailable(error)) {
      throw new ServiceUnavailableError(`${what} is temporarily unavailable; retry shortly`, {
        cause: error,
      });
    }
    throw error;
  }
}
