import type { ConsoleAsset } from './console-assets.ts';

/**
 * The console's Content-Security-Policy: scripts, styles, fonts and fetches from its own origin
 * only (its bundled assets and the API beside them), no inline script, no eval, no plugins, no
 * framing, and no form that could put the token in a URL. Images also allow `data:` (the API
 * reference's icons are inline SVG in its stylesheet) and WhatsApp's picture host: a contact's
 * picture is a URL the API hands out, on WhatsApp's servers.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https://pps.whatsapp.net",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers of every console answer: the policy, no sniffing, no referrer, no framing. */
export function consoleResponseHeaders(asset: ConsoleAsset): Record<string, string> {
  return {
    'Content-Type': asset.contentType,
    'Cache-Control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'Content-Security-Policy': CONSOLE_CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
}
