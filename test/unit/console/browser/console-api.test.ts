import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  createConsoleApi,
  describeFailure,
} from '../../../../functions/console/browser/console-api.ts';

/** The page's document (its base URL) and a fetch answering `answer`, recording its calls. */
function pageAt(baseURI: string, answer: () => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('document', { baseURI });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer();
  });
  return calls;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('createConsoleApi', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("calls the API under the page's base with the token as bearer and no cookies", async () => {
    const calls = pageAt('https://api.example/v1/', () =>
      json(200, { success: true, data: { state: 'paired' } }),
    );
    const api = createConsoleApi(() => 'token-1');

    const answer = await api.call<{ state: string }>('POST', '/session/pair', { phone: '55' });

    expect(answer.data).toEqual({ state: 'paired' });
    expect(calls[0]?.url).toBe('https://api.example/v1/session/pair');
    expect(calls[0]?.init).toMatchObject({
      method: 'POST',
      headers: { Authorization: 'Bearer token-1', 'Content-Type': 'application/json' },
      body: '{"phone":"55"}',
      credentials: 'omit',
    });
  });

  it("throws the envelope's message and code for a failed call", async () => {
    pageAt('http://localhost:3000/', () =>
      json(404, { success: false, error: 'not on WhatsApp', error_code: 'NOT_FOUND' }),
    );

    const call = createConsoleApi(() => null).call('GET', 'contacts/profile?number=1');

    await expect(call).rejects.toMatchObject({ status: 404, errorCode: 'NOT_FOUND' });
  });

  it('throws NO_JSON for an answer that is not JSON (a proxy’s error page)', async () => {
    pageAt('http://localhost:3000/', () => new Response('<html>502</html>', { status: 502 }));

    const call = createConsoleApi(() => 't').call('GET', 'session');

    await expect(call).rejects.toMatchObject({ status: 502, errorCode: 'NO_JSON' });
  });
});

describe('describeFailure', () => {
  it("says the API's message with its code, and any other error's message", () => {
    const described = [
      describeFailure(new ApiError(429, 'RATE_LIMITED', 'slow down')),
      describeFailure(new Error('network down')),
    ];

    expect(described).toEqual(['slow down (RATE_LIMITED)', 'network down']);
  });
});
