import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/** One WebSocket connection to the silent endpoint: its first frame, and whether it closed. */
export interface SilentConnection {
  /** The first frame the client sent (WhatsApp Web's intro and Noise hello), once it came. */
  hello: Buffer | undefined;
  closed: boolean;
}

/**
 * A WhatsApp endpoint that accepts every WebSocket and never answers: what a client sees when
 * WhatsApp hangs. It records each connection's first frame and whether it closed.
 */
export async function startSilentWhatsAppEndpoint() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const connections: SilentConnection[] = [];
  server.on('connection', (socket) => {
    const record: SilentConnection = { hello: undefined, closed: false };
    connections.push(record);
    socket.once('message', (data: Buffer) => {
      record.hello = Buffer.from(data);
    });
    socket.on('close', () => {
      record.closed = true;
    });
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ws/chat`,
    connections,
    /** The first frames received so far, one per connection that sent one. */
    get hellos(): Buffer[] {
      return connections.flatMap((connection) => (connection.hello ? [connection.hello] : []));
    },
    async stop() {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
