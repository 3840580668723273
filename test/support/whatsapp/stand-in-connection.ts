import { type BinaryNode, decodeBinaryNode, encodeBinaryNode, type proto } from 'baileys';
import type { WebSocket } from 'ws';
import { type KeyPair, ServerNoise } from './server-noise.ts';
import { answerIq } from './stand-in-iq-answers.ts';
import { offerPairing } from './stand-in-pairing.ts';
import { deliverOfflineQueue, startTrickle } from './stand-in-pushes.ts';
import type { ConnectionRecord, Send, StandInState } from './stand-in-state.ts';

/**
 * One companion's connection to the WhatsApp server stand-in: the Noise handshake as the
 * server, then its login (a registration is offered pairing, a registered companion gets
 * `<success>`, its offline queue and the trickle, any other gets `<failure 401>`), then an
 * answer to each IQ it sends. Every stanza it sends after the handshake is recorded.
 */
export function serveConnection(
  socket: WebSocket,
  state: StandInState,
  server: { staticKey: KeyPair; certificate: Buffer },
): void {
  const record: ConnectionRecord = {
    companion: undefined,
    registration: undefined,
    pairingRefs: [],
    loggedIn: false,
    received: [],
    closed: false,
  };
  record.terminate = () => socket.terminate();
  state.connections.push(record);
  let stopTrickle: (() => void) | undefined;
  const noise = new ServerNoise(server.staticKey, server.certificate);
  const send: Send = (node: BinaryNode) => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(noise.frame(encodeBinaryNode(node)));
  };
  const onNode = (node: BinaryNode) => {
    if (state.options.keepStanzas !== false) record.received.push(node);
    const traffic = state.options.traffic;
    const answered =
      state.accountHealth.answer(node, send) ||
      (record.companion && traffic?.onStanza(record.companion, node, send));
    if (!answered) answerIq(node, send, state, record.companion);
    state.wake();
  };
  const onLogin = (payload: proto.ClientPayload) => {
    if (!payload.username) {
      // A companion that is not linked yet: registration (pairing).
      record.registration = payload;
      offerPairing(record, send, noise.clientStatic, state);
      state.wake();
      return;
    }
    const companion = `${payload.username}:${payload.device ?? 0}`;
    record.companion = companion;
    const account = state.registered.get(companion);
    if (!account) {
      send({ tag: 'failure', attrs: { reason: '401', location: 'loopback' } });
      state.wake();
      return;
    }
    // A temporarily banned account's login gets the ban's <failure reason="402">.
    const refusal = state.accountHealth.loginRefusal(companion);
    if (refusal) {
      send(refusal);
      state.wake();
      return;
    }
    record.loggedIn = true;
    state.live.set(record, send);
    send({
      tag: 'success',
      attrs: {
        t: String(Math.floor(Date.now() / 1000)),
        lid: account.lid,
        props: '1',
        abprops: '1',
        location: 'loopback',
        creation: '1700000000',
      },
    });
    deliverOfflineQueue(companion, send, state);
    stopTrickle = startTrickle(send, state, companion);
    state.wake();
  };
  socket.on('message', (data: Buffer) => {
    noise.receive(Buffer.from(data), {
      reply: (bytes) => socket.send(bytes),
      onLogin,
      onNode: (bytes) => {
        decodeBinaryNode(bytes).then(onNode, () => socket.close());
      },
      onError: () => socket.close(),
    });
  });
  socket.on('close', () => {
    stopTrickle?.();
    record.closed = true;
    state.pairable.delete(record);
    state.live.delete(record);
    state.wake();
  });
}
