import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpWebhookSender } from '../../../functions/adapters/http-webhook-sender.ts';

describe('HttpWebhookSender', () => {
  let server: Server;
  let port: number;
  const received: { host: string | undefined; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push({ host: request.headers.host, body });
        if (request.url === '/slow') return; // never answers
        response.writeHead(request.url === '/fail' ? 500 : 204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const request = (url: string, timeoutMs = 2_000) => ({
    url,
    body: '{"type":"session.status"}',
    headers: { 'webhook-id': 'msg_1' },
    timeoutMs,
  });

  it('connects to the address it checked, keeping the host name (no second lookup)', async () => {
    // prepare: the name resolves to loopback once; a second lookup would find nothing
    const lookups: string[] = [];
    const sender = new HttpWebhookSender({
      policy: { allowLoopbackHttp: true },
      resolve: async (host) => {
        lookups.push(host);
        if (lookups.length > 1) throw new Error('looked up twice');
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });

    // act
    const result = await sender.send(request(`http://hooks.test:${port}/ok`));

    // assert
    expect(result).toEqual({ kind: 'answered', status: 204 });
    expect(lookups).toEqual(['hooks.test']);
    expect(received.at(-1)).toEqual({
      host: `hooks.test:${port}`,
      body: '{"type":"session.status"}',
    });
  });

  it('refuses a name that resolves to a private address now, without connecting', async () => {
    // prepare: a public-looking name that DNS now points at the metadata address
    const before = received.length;
    const sender = new HttpWebhookSender({
      policy: { allowLoopbackHttp: false },
      resolve: async () => [
        { address: '93.184.215.14', family: 4 },
        { address: '169.254.169.254', family: 4 },
      ],
    });

    // act
    const result = await sender.send(request('https://rebinding.example/hook'));

    // assert
    expect(result).toEqual({
      kind: 'refused',
      reason: 'the host resolves to a private, loopback, link-local or reserved address',
    });
    expect(received.length).toBe(before);
  });

  it('reports a non-2xx answer, and gives up on a silent endpoint at the deadline', async () => {
    const sender = new HttpWebhookSender({
      policy: { allowLoopbackHttp: true },
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    const started = Date.now();

    const [failing, silent] = await Promise.all([
      sender.send(request(`http://127.0.0.1:${port}/fail`)),
      sender.send(request(`http://127.0.0.1:${port}/slow`, 300)),
    ]);

    expect(failing).toEqual({ kind: 'answered', status: 500 });
    expect(silent).toEqual({ kind: 'failed', reason: 'no answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
