import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got: its headers, raw body and what it answered. */
export interface ReceivedDelivery {
  headers: Record<string, string>;
  body: string;
  answered: number;
}

/**
 * A tenant's webhook endpoint on a random loopback port: records every POST and answers with
 * the next status of `answers` (then 204). `verified` checks a delivery with the Standard
 * Webhooks library and the secret PUT /admin/webhook returned, as a receiver would.
 */
export async function startWebhookReceiver(answers: number[] = []) {
  const deliveries: ReceivedDelivery[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answered = answers.shift() ?? 204;
      deliveries.push({
        headers: Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
        ),
        body: Buffer.concat(chunks).toString('utf8'),
        answered,
      });
      response.writeHead(answered).end();
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/whatsapp`,
    deliveries,
    /** Resolves once `predicate` holds over the deliveries, or rejects after `timeoutMs`. */
    async waitFor(predicate: (all: ReceivedDelivery[]) => boolean, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(deliveries)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`webhook deliveries did not arrive: ${deliveries.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 500));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    verified(delivery: ReceivedDelivery, secret: string) {
      return new Webhook(secret).verify(delivery.body, delivery.headers) as {
        type: string;
        timestamp: string;
        data: Record<string, unknown>;
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
