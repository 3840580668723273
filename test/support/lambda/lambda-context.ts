import type { Context } from 'aws-lambda';
import { localLambdaContext } from '../../../functions/local/lambda-context.ts';

/** A context counting down from the function's timeout, as Lambda's does (the local stack's). */
export { localLambdaContext as lambdaContext };

/**
 * A context whose remaining time stays where it is put: unit tests pin the deadline arithmetic
 * to it, whatever time the test itself takes.
 */
export function fixedLambdaContext(
  functionName: string,
  remainingMs = 30_000,
  overrides: Partial<Context> = {},
): Context {
  return {
    ...localLambdaContext(functionName, remainingMs),
    awsRequestId: 'req-1',
    getRemainingTimeInMillis: () => remainingMs,
    ...overrides,
  };
}
