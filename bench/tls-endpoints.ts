import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';

/**
 * HTTPS in front of the embedded stack's plain-HTTP endpoints, so a cold start's first request
 * pays what it pays on Lambda: loading TLS, a handshake against an RSA 2048 certificate (as AWS's
 * endpoints present) and encrypted traffic. A TLS terminator on loopback pipes each connection
 * to dynalite or fauxqs; the probes trust its self-signed certificate via NODE_EXTRA_CA_CERTS.
 */
export interface TlsEndpoints {
  /** The environment's endpoint variables rewritten to https, plus NODE_EXTRA_CA_CERTS. */
  environment: Record<string, string>;
  close(): Promise<void>;
}

const ENDPOINT_VARIABLES = ['AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_SQS'] as const;

async function selfSignedCertificate(directory: string) {
  const keyFile = path.join(directory, 'loopback-tls.key');
  const certFile = path.join(directory, 'loopback-tls.crt');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout',
    keyFile,
    '-out',
    certFile,
  ]);
  return { certFile, key: await readFile(keyFile), cert: await readFile(certFile) };
}

async function terminator(options: { key: Buffer; cert: Buffer; target: URL }) {
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key: options.key, cert: options.cert }, (secure) => {
    const plain = net.connect(Number(options.target.port), options.target.hostname);
    for (const socket of [secure, plain]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => {
        secure.destroy();
        plain.destroy();
      });
    }
    secure.pipe(plain).pipe(secure);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function startTlsEndpoints(
  environment: Record<string, string>,
  directory: string,
): Promise<TlsEndpoints> {
  const { certFile, key, cert } = await selfSignedCertificate(directory);
  const terminators = await Promise.all(
    ENDPOINT_VARIABLES.map(async (variable) => {
      const plain = environment[variable];
      if (!plain) throw new Error(`the embedded stack sets no ${variable}`);
      return { variable, ...(await terminator({ key, cert, target: new URL(plain) })) };
    }),
  );
  return {
    environment: {
      ...Object.fromEntries(terminators.map(({ variable, url }) => [variable, url])),
      NODE_EXTRA_CA_CERTS: certFile,
    },
    close: async () => {
      await Promise.all(terminators.map((each) => each.close()));
    },
  };
}
