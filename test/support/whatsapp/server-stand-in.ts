import type { AddressInfo } from 'node:net';
import { type BinaryNode, Curve, WA_CERT_DETAILS } from 'baileys';
import { WebSocketServer } from 'ws';
import { type CertificateChainOptions, certificateChain } from './server-noise.ts';
import { serveConnection } from './stand-in-connection.ts';
import { pairingControls } from './stand-in-pairing.ts';
import { pushControls } from './stand-in-pushes.ts';
import { createStandInState, type StandInOptions } from './stand-in-state.ts';

/**
 * A loopback stand-in for WhatsApp's chat server, for tests and the capacity bench only: it
 * completes the Noise XX handshake as the server (with a certificate chain signed by a test
 * root key, see trustTestRootKey), logs registered companions in, answers the IQs Baileys sends
 * after login and its keep-alive pings, answers profile queries, and pushes a steady trickle of
 * incoming messages. Production code must never import this file.
 *
 * Its parts: the shared state and options (stand-in-state), one connection's login and
 * stanzas (stand-in-connection), the answer to each IQ (stand-in-iq-answers, with
 * stand-in-profile-answers and the scripted errors of stand-in-replies), linking a device
 * (stand-in-pairing) and what the server pushes (stand-in-pushes).
 */

/** Test-only: makes Baileys accept certificates signed by `publicKey`; returns the undo. */
export function trustTestRootKey(publicKey: Uint8Array): () => void {
  const original = WA_CERT_DETAILS.PUBLIC_KEY;
  WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(publicKey);
  return () => {
    WA_CERT_DETAILS.PUBLIC_KEY = original;
  };
}

export async function startWhatsAppServerStandIn(options: StandInOptions = {}) {
  const root = Curve.generateKeyPair();
  const intermediate = Curve.generateKeyPair();
  const staticKey = Curve.generateKeyPair();
  const certificate = certificateChain(root, intermediate, staticKey.public, {
    ...options.certificate,
    ...(options.certificate?.leafKey === 'another' && { leafKey: Curve.generateKeyPair().public }),
  } as CertificateChainOptions);
  const state = createStandInState(options);

  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) => serveConnection(socket, state, { staticKey, certificate }));
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}/ws/chat`,
    rootPublicKey: root.public,
    /** The next answers to each kind of IQ: WhatsApp's errors, or none (see stand-in-replies). */
    script: state.script,
    /** WhatsApp restricting an account: temporary bans, the reach-out time lock. */
    accountHealth: state.accountHealth,
    connections: state.connections,
    /** Lets the companion `user:device` (its creds.me.id) log in; `lid` as WhatsApp assigns. */
    register: state.register,
    ...pairingControls(state),
    ...pushControls(state),
    /** Stanzas every connection of a companion sent after login. */
    receivedFrom(companion: string): BinaryNode[] {
      return state.connections.filter((c) => c.companion === companion).flatMap((c) => c.received);
    },
    /** What the server answers to later pre-key counts (Baileys uploads more at 5 or fewer). */
    setPreKeysOnServer(count: number): void {
      state.options.preKeysOnServer = count;
    },
    get pushedMessages(): number {
      return state.trickle.pushed;
    },
    loggedIn(): number {
      return state.live.size;
    },
    waitUntil: state.waitUntil,
    async stop(): Promise<void> {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type WhatsAppServerStandIn = Awaited<ReturnType<typeof startWhatsAppServerStandIn>>;
