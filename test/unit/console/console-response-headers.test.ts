import { describe, expect, it } from 'vitest';
import {
  CONSOLE_CONTENT_SECURITY_POLICY,
  consoleResponseHeaders,
} from '../../../functions/console/console-response-headers.ts';

const asset = (immutable: boolean) => ({
  path: immutable ? 'console/console-ABCD1234.js' : 'index.html',
  contentType: immutable ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8',
  body: '',
  immutable,
});

describe('consoleResponseHeaders', () => {
  it('caches a hashed asset for a year and has the page revalidated every time', () => {
    const cacheControl = [asset(true), asset(false)].map(
      (each) => consoleResponseHeaders(each)['Cache-Control'],
    );

    expect(cacheControl).toEqual(['public, max-age=31536000, immutable', 'no-cache']);
  });

  it('serves every file with its own type, the strict policy and no framing', () => {
    const headers = consoleResponseHeaders(asset(false));

    expect(headers).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CONSOLE_CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
    });
  });

  it('allows no inline script and no other origin but WhatsApp’s pictures', () => {
    const directives = CONSOLE_CONTENT_SECURITY_POLICY.split('; ');

    expect(directives).toContain("script-src 'self'");
    expect(directives).toContain("frame-ancestors 'none'");
    expect(CONSOLE_CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(directives.filter((directive) => directive.includes('https:'))).toEqual([
      "img-src 'self' data: https://pps.whatsapp.net",
    ]);
  });
});
