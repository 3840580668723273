import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import {
  hostForLookup,
  isAllowedAddress,
  parseWebhookUrl,
  type WebhookTargetPolicy,
} from '../domain/webhook/webhook-target.ts';
import type { WebhookAttemptResult, WebhookSender } from '../ports/webhook-sender.ts';

type Resolve = (host: string) => Promise<{ address: string; family: number }[]>;

/**
 * Sends a delivery over node:http(s), checking the target at the moment of sending: the URL's
 * scheme, then every address its host resolves to now (DNS may have changed since the webhook
 * was set); the connection then goes to the address that was checked, not to a second lookup
 * (no DNS rebinding). One deadline covers connect, TLS and the answer.
 */
export class HttpWebhookSender implements WebhookSender {
  readonly #policy: WebhookTargetPolicy;
  readonly #resolve: Resolve;

  constructor(options: { policy: WebhookTargetPolicy; resolve?: Resolve }) {
    this.#policy = options.policy;
    this.#resolve = options.resolve ?? ((host) => lookup(host, { all: true, verbatim: true }));
  }

  async send(request: {
    url: string;
    body: string;
    headers: Record<string, string>;
    timeoutMs: number;
  }): Promise<WebhookAttemptResult> {
    let url: URL;
    try {
      url = parseWebhookUrl(request.url, this.#policy);
    } catch (error) {
      return { kind: 'refused', reason: (error as Error).message };
    }
    const target = await checkedAddress(url, this.#policy, this.#resolve);
    if ('reason' in target) return target;
    return post(url, target, request);
  }
}

/** Resolves the host and checks every address; the first one is the one connected to. */
export async function checkedAddress(
  url: URL,
  policy: WebhookTargetPolicy,
  resolve: Resolve,
): Promise<{ address: string; family: number } | { kind: 'refused' | 'failed'; reason: string }> {
  let addresses: { address: string; family: number }[];
  try {
    addresses = await resolve(hostForLookup(url));
  } catch (error) {
    return {
      kind: 'failed',
      reason: `DNS lookup failed (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
  const first = addresses[0];
  if (!first) return { kind: 'failed', reason: 'DNS lookup returned no address' };
  if (!addresses.every((entry) => isAllowedAddress(url, entry.address, policy))) {
    return {
      kind: 'refused',
      reason: 'the host resolves to a private, loopback, link-local or reserved address',
    };
  }
  return first;
}

function post(
  url: URL,
  target: { address: string; family: number },
  request: { body: string; headers: Record<string, string>; timeoutMs: number },
): Promise<WebhookAttemptResult> {
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [target]);
    else callback(null, target.address, target.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const outgoing = client.request(
      url,
      {
        method: 'POST',
        lookup: pinned,
        headers: {
          ...request.headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(request.body)),
          'user-agent': 'wa-contact-profile-webhooks',
        },
        signal: AbortSignal.timeout(request.timeoutMs),
      },
      (response) => {
        // The answer's body is not ours to keep: read and dropped, so the socket is freed.
        response.resume();
        response.on('end', () => resolve({ kind: 'answered', status: response.statusCode ?? 0 }));
        response.on('error', () => resolve({ kind: 'answered', status: response.statusCode ?? 0 }));
      },
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.name === 'AbortError' || error.name === 'TimeoutError'
          ? `no answer within ${request.timeoutMs} ms`
          : `request failed (${error.code ?? error.name})`;
      resolve({ kind: 'failed', reason });
    });
    outgoing.end(request.body);
  });
}
