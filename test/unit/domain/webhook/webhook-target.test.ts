import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../functions/domain/errors/app-errors.ts';
import {
  isAllowedAddress,
  parseWebhookUrl,
} from '../../../../functions/domain/webhook/webhook-target.ts';

const AWS = { allowLoopbackHttp: false };
const LOCAL = { allowLoopbackHttp: true };

describe('parseWebhookUrl', () => {
  it('accepts https anywhere, and http only where loopback http is allowed', () => {
    expect(parseWebhookUrl('https://hooks.example.com/x', AWS).host).toBe('hooks.example.com');
    expect(() => parseWebhookUrl('http://127.0.0.1:8080/x', AWS)).toThrow(ValidationError);
    expect(parseWebhookUrl('http://127.0.0.1:8080/x', LOCAL).port).toBe('8080');
  });

  it.each(['not a url', 'ftp://example.com/', 'https://user:pass@example.com/'])(
    'refuses %s',
    (url) => {
      expect(() => parseWebhookUrl(url, LOCAL)).toThrow(ValidationError);
    },
  );
});

describe('isAllowedAddress', () => {
  const https = new URL('https://hooks.example.com/');
  const http = new URL('http://localhost:9/');

  it.each([
    '10.1.2.3',
    '172.16.0.1',
    '192.168.0.10',
    '127.0.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00:ec2::254',
    '::ffff:10.0.0.1',
    '224.0.0.1',
  ])('refuses %s on AWS', (address) => {
    expect(isAllowedAddress(https, address, AWS)).toBe(false);
  });

  it.each(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'])(
    'allows the public address %s over https',
    (address) => {
      expect(isAllowedAddress(https, address, AWS)).toBe(true);
    },
  );

  it('allows loopback locally only, and no public address over plain http', () => {
    expect(isAllowedAddress(http, '127.0.0.1', LOCAL)).toBe(true);
    expect(isAllowedAddress(http, '::1', LOCAL)).toBe(true);
    expect(isAllowedAddress(http, '93.184.215.14', LOCAL)).toBe(false);
    expect(isAllowedAddress(http, '10.0.0.1', LOCAL)).toBe(false);
  });
});
