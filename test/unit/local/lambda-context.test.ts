import { afterEach, describe, expect, it, vi } from 'vitest';
import { localLambdaContext } from '../../../functions/local/lambda-context.ts';

describe('localLambdaContext', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts the remaining time down from the timeout, and never below zero', () => {
    // prepare
    vi.useFakeTimers({ now: 10_000 });
    const context = localLambdaContext('contacts', 3_000);

    // act
    vi.setSystemTime(11_000);
    const afterOneSecond = context.getRemainingTimeInMillis();
    vi.setSystemTime(20_000);
    const afterTimeout = context.getRemainingTimeInMillis();

    // assert
    expect(afterOneSecond).toBe(2_000);
    expect(afterTimeout).toBe(0);
  });

  it('names the function and gives each invocation its own request id', () => {
    // act
    const first = localLambdaContext('contacts', 1_000);
    const second = localLambdaContext('contacts', 1_000);

    // assert
    expect(first.functionName).toBe('contacts');
    expect(first.invokedFunctionArn).toMatch(/:function:contacts$/);
    expect(first.awsRequestId).not.toBe(second.awsRequestId);
  });
});
