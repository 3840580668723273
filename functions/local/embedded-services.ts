import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { startFauxqs } from 'fauxqs';

export interface EmbeddedServices {
  dynamoDbEndpoint: string;
  sqsEndpoint: string;
  stop(): Promise<void>;
}

/**
 * Embedded DynamoDB (dynalite) and SQS (fauxqs) on loopback. `dynamoDbPath` persists DynamoDB
 * (tokens survive a restart); without it everything is in memory. Port 0 picks a free port.
 */
export async function startEmbeddedServices(options: {
  dynamoDbPath?: string;
  dynamoDbPort?: number;
  sqsPort?: number;
}): Promise<EmbeddedServices> {
  const dynamoDb = dynalite({
    ...(options.dynamoDbPath ? { path: options.dynamoDbPath } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const handling = requestsBeingHandled(dynamoDb);
  await new Promise<void>((resolve, reject) => {
    dynamoDb.once('error', reject);
    dynamoDb.listen(options.dynamoDbPort ?? 0, '127.0.0.1', () => resolve());
  });
  const sqs = await startFauxqs({ port: options.sqsPort ?? 0, host: 'localhost', logger: false });
  const { port } = dynamoDb.address() as AddressInfo;
  return {
    dynamoDbEndpoint: `http://127.0.0.1:${port}`,
    sqsEndpoint: sqs.address,
    async stop() {
      await sqs.stop();
      // A client killed mid-request (a SIGKILLed worker) leaves dynalite still working on it;
      // closing its database under that work throws "Database is closed" from a callback.
      await handling.settled(DYNAMODB_DRAIN_MS);
      await new Promise<void>((resolve) => dynamoDb.close(() => resolve()));
    },
  };
}

/** How long stop() waits for dynalite to finish the requests it is still handling. */
const DYNAMODB_DRAIN_MS = 2_000;

/**
 * Counts the requests a server has received and not yet answered: done when the server calls
 * `end` on the response, even after the client has gone (its socket's close comes earlier).
 * Settled once nothing is open, nothing has started or ended for a quiet moment and no
 * connection is left, since requests a vanished client wrote may still be arriving on it.
 */
function requestsBeingHandled(server: Server) {
  let open = 0;
  let lastChange = Date.now();
  // Before dynalite's own listener, so an answer it gives at once is counted too.
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    open++;
    lastChange = Date.now();
    let answered = false;
    const end = response.end.bind(response);
    response.end = ((...args: Parameters<ServerResponse['end']>) => {
      if (!answered) open--;
      answered = true;
      lastChange = Date.now();
      return end(...args);
    }) as ServerResponse['end'];
  });
  return {
    async settled(withinMs: number): Promise<void> {
      const until = Date.now() + withinMs;
      const connections = () =>
        new Promise<number>((resolve) => server.getConnections((_error, count) => resolve(count)));
      while (Date.now() < until) {
        const quiet = open === 0 && Date.now() - lastChange >= QUIET_MS;
        if (quiet && (await connections()) === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

/** No request started or answered for this long: a vanished client's writes have all arrived. */
const QUIET_MS = 50;
