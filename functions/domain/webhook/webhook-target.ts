import ipaddr from 'ipaddr.js';
import { ValidationError } from '../errors/app-errors.ts';

/**
 * Where a webhook may point. On AWS: `https` only, and every address its host resolves to must
 * be public unicast (no private, loopback, link-local, carrier-grade NAT, unique-local or
 * metadata address: 169.254.169.254 and fd00:ec2::254 are link-local and unique-local). The
 * local stack also allows `http` to a loopback address, so a developer can receive events.
 */
export interface WebhookTargetPolicy {
  allowLoopbackHttp: boolean;
}

const MAX_URL_LENGTH = 2048;

/** The URL's syntax and scheme; the addresses are checked after DNS (see isAllowedAddress). */
export function parseWebhookUrl(value: string, policy: WebhookTargetPolicy): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError('url must be an absolute URL (https://...)');
  }
  if (value.length > MAX_URL_LENGTH) {
    throw new ValidationError(`url must be at most ${MAX_URL_LENGTH} characters`);
  }
  if (url.username || url.password) {
    throw new ValidationError('url must not carry a user name or password');
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && policy.allowLoopbackHttp) return url;
  throw new ValidationError(
    policy.allowLoopbackHttp
      ? 'url must use https, or http to a loopback address'
      : 'url must use https',
  );
}

/** Whether the URL may be called at one of the addresses its host resolved to. */
export function isAllowedAddress(url: URL, address: string, policy: WebhookTargetPolicy): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  if (range === 'loopback') return policy.allowLoopbackHttp;
  if (url.protocol !== 'https:') return false;
  return range === 'unicast';
}

/** The host as DNS takes it: IPv6 literals without their brackets. */
export function hostForLookup(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}
