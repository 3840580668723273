import { describe, expect, it } from 'vitest';
import {
  NotFoundError,
  ServiceUnavailableError,
} from '../../../functions/domain/errors/app-errors.ts';
import {
  isServiceUnavailable,
  whenServiceAvailable,
} from '../../../functions/platform/aws-service-failure.ts';

function codedError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}

describe('isServiceUnavailable', () => {
  it.each([
    ['a server fault', Object.assign(new Error('internal'), { $fault: 'server' })],
    [
      'a retryable error',
      Object.assign(new Error('throttled'), { $retryable: { throttling: true } }),
    ],
    ['a refused connection', codedError('ECONNREFUSED')],
    ['a DNS failure', codedError('EAI_AGAIN')],
    ['a timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
    [
      'a network error wrapped as the cause',
      new Error('send failed', { cause: codedError('ECONNRESET') }),
    ],
  ])('counts %s as the service being unavailable', (_case, error) => {
    expect(isServiceUnavailable(error)).toBe(true);
  });

  it.each([
    ['a client fault', Object.assign(new Error('bad request'), { $fault: 'client' })],
    ['another code', codedError('EACCES')],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('does not count %s', (_case, error) => {
    expect(isServiceUnavailable(error)).toBe(false);
  });
});

describe('whenServiceAvailable', () => {
  it('returns what the call returns', async () => {
    expect(await whenServiceAvailable('the cache', async () => 42)).toBe(42);
  });

  it('turns an unavailable service into SERVICE_UNAVAILABLE naming it, keeping the cause', async () => {
    // prepare
    const cause = codedError('ECONNREFUSED');

    // act
    const failure = await whenServiceAvailable('the profile cache', async () => {
      throw cause;
    }).catch((error: unknown) => error);

    // assert
    expect(failure).toBeInstanceOf(ServiceUnavailableError);
    expect((failure as Error).message).toBe(
      'the profile cache is temporarily unavailable; retry shortly',
    );
    expect((failure as Error).cause).toBe(cause);
  });

  it('lets our own errors and client faults through unchanged', async () => {
    // prepare
    const ours = Object.assign(new NotFoundError('not on WhatsApp'), { $fault: 'server' });
    const clientFault = Object.assign(new Error('ValidationException'), { $fault: 'client' });

    // act
    const first = whenServiceAvailable('the cache', async () => {
      throw ours;
    });
    const second = whenServiceAvailable('the cache', async () => {
      throw clientFault;
    });

    // assert
    await expect(first).rejects.toBe(ours);
    await expect(second).rejects.toBe(clientFault);
  });
});
