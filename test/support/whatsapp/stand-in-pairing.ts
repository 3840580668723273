import type { BinaryNode } from 'baileys';
import {
  type LinkedCompanion,
  linkedCompanion,
  newAccountLid,
  newPairingRef,
  type PairingAccount,
  pairSuccess,
  parsePairingQr,
  verifyPairDeviceSign,
} from './pairing-phone.ts';
import { type ConnectionRecord, SERVER, type Send, type StandInState } from './stand-in-state.ts';

/**
 * The WhatsApp server stand-in's side of linking a device. A companion that is not linked yet
 * (a registration login) is offered pairing refs as WhatsApp does (`<pair-device>`); `scanQr`
 * then plays the phone that scans one of its QR codes: WhatsApp's `<pair-success>`, the
 * companion's signed answer, the stream error that asks it to restart, and a login of the
 * restarted companion with its new credentials.
 */

/** A phone-number pairing-code request (`link_code_companion_reg`) as the server received it. */
export interface PairingCodeRequest {
  /** The phone number's JID the companion asked to link to. */
  jid: string;
  stage: string;
  /** What the phone would show, e.g. `Chrome (Mac OS)`. */
  platformDisplay: string;
}

/** Answers a registration login: `<failure 401>` if pairing is refused, else `<pair-device>`. */
export function offerPairing(
  record: ConnectionRecord,
  send: Send,
  noiseKey: Buffer,
  state: StandInState,
): void {
  if ((state.options.pairing ?? 'serve') === 'refuse') {
    send({ tag: 'failure', attrs: { reason: '401', location: 'loopback' } });
    return;
  }
  record.pairingRefs = Array.from({ length: state.options.pairingRefs ?? 6 }, newPairingRef);
  state.pairable.set(record, { send, noiseKey });
  send({
    tag: 'iq',
    attrs: { from: SERVER, type: 'set', id: state.nextPairingStanzaId() },
    content: [
      {
        tag: 'pair-device',
        attrs: {},
        content: record.pairingRefs.map(
          (ref): BinaryNode => ({ tag: 'ref', attrs: {}, content: Buffer.from(ref) }),
        ),
      },
    ],
  });
}

/** The stand-in's controls for pairing, for tests to play the phone. */
export function pairingControls(state: StandInState) {
  const paired: LinkedCompanion[] = [];
  const accountLids = new Map<string, string>();
  const devicesLinked = new Map<string, number>();
  return {
    /**
     * Plays the phone that scans `qr` (a companion's `connection.update` QR) for `account`:
     * finds the open registration connection that was offered its ref, checks the QR names
     * that connection's keys, sends WhatsApp's `<pair-success>`, waits for the companion's
     * signed answer and checks it, registers the new companion (so its restarted login
     * succeeds) and sends the stream error that asks it to restart (515). Each scan links a
     * new device of the account (1, 2, ...). Returns the companion as linked.
     */
    async scanQr(qr: string, account: PairingAccount, timeoutMs = 5_000): Promise<LinkedCompanion> {
      const scanned = parsePairingQr(qr);
      const entry = [...state.pairable].find(([record]) =>
        record.pairingRefs.includes(scanned.ref),
      );
      if (!entry) throw new Error('no open connection was offered this QR code ref');
      const [record, { send, noiseKey }] = entry;
      const identityKey = record.registration?.devicePairingData?.eIdent;
      if (!noiseKey.equals(scanned.noiseKey)) {
        throw new Error("the QR code's noise key is not the connection's");
      }
      if (!identityKey || !scanned.identityKey.equals(Buffer.from(identityKey))) {
        throw new Error("the QR code's identity key is not the one the companion registered");
      }
      // A connection links once: its other refs are spent with it.
      state.pairable.delete(record);
      const accountLid = account.lid ?? accountLids.get(account.jid) ?? newAccountLid();
      accountLids.set(account.jid, accountLid);
      const device = (devicesLinked.get(account.jid) ?? 0) + 1;
      devicesLinked.set(account.jid, device);
      const companion = linkedCompanion(account, accountLid, device);
      const id = state.nextPairingStanzaId();
      const success = pairSuccess(id, scanned, account, companion);
      send(success.stanza);
      const isReply = (node: BinaryNode) => node.tag === 'iq' && node.attrs.id === id;
      await state.waitUntil(() => record.closed || record.received.some(isReply), timeoutMs);
      const reply = record.received.find(isReply);
      if (reply?.attrs.type !== 'result') {
        throw new Error('the companion did not accept pair-success');
      }
      verifyPairDeviceSign(reply, success, scanned.identityKey);
      state.register(companion.jid, companion.lid);
      paired.push(companion);
      send({ tag: 'stream:error', attrs: { code: '515' } });
      state.wake();
      return companion;
    },
    /** Connections that logged in as a companion not linked yet. */
    registrations(): ConnectionRecord[] {
      return state.connections.filter((connection) => connection.registration);
    },
    /** Companions linked by `scanQr`, in order. */
    paired(): LinkedCompanion[] {
      return [...paired];
    },
    /** Every phone-number pairing-code request any connection sent. */
    pairingCodeRequests(): PairingCodeRequest[] {
      return state.connections.flatMap((connection) =>
        connection.received.flatMap((node) => {
          const request = childOf(node, 'link_code_companion_reg');
          if (node.tag !== 'iq' || !request) return [];
          const display = childOf(request, 'companion_platform_display')?.content;
          return [
            {
              jid: request.attrs.jid ?? '',
              stage: request.attrs.stage ?? '',
              platformDisplay:
                display instanceof Uint8Array
                  ? Buffer.from(display).toString()
                  : String(display ?? ''),
            },
          ];
        }),
      );
    },
  };
}

function childOf(node: BinaryNode | undefined, tag: string): BinaryNode | undefined {
  return Array.isArray(node?.content) ? node.content.find((child) => child.tag === tag) : undefined;
}
