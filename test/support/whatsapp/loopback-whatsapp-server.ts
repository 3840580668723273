import type { AddressInfo } from 'node:net';
import { proto } from 'baileys';
import { WebSocketServer } from 'ws';

export interface ReceivedClientHello {
  path: string;
  /** The 4-byte Noise intro WhatsApp Web sends first: 'W', 'A', version, dictionary version. */
  intro: Buffer;
  /** Length of the client's ephemeral Curve25519 public key in its ClientHello. */
  ephemeralKeyLength: number;
  receivedAtMs: number;
}

/**
 * A loopback stand-in for WhatsApp's WebSocket endpoint. It cannot finish the Noise handshake
 * (the server certificate must be signed by WhatsApp), so it reads the client's opening message,
 * records it, and closes the connection as a failing server would.
 */
export async function startLoopbackWhatsAppServer() {
  const hellos: ReceivedClientHello[] = [];
  const waiters: (() => void)[] = [];
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket, request) => {
    socket.once('message', (data: Buffer) => {
      const frame = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
      const intro = frame.subarray(0, 4);
      const length = frame.readUIntBE(4, 3);
      const message = proto.HandshakeMessage.decode(frame.subarray(7, 7 + length));
      hellos.push({
        path: request.url ?? '',
        intro: Buffer.from(intro),
        ephemeralKeyLength: message.clientHello?.ephemeral?.length ?? 0,
        receivedAtMs: Date.now(),
      });
      for (const wake of waiters.splice(0)) wake();
      socket.close();
    });
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ws/chat`,
    hellos,
    /** Resolves once `count` client hellos arrived. */
    async waitForHellos(count: number, timeoutMs = 10_000): Promise<ReceivedClientHello[]> {
      const deadline = Date.now() + timeoutMs;
      while (hellos.length < count) {
        if (Date.now() > deadline)
          throw new Error(`only ${hellos.length} of ${count} hellos arrived`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return hellos.slice(0, count);
    },
    async stop(): Promise<void> {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
