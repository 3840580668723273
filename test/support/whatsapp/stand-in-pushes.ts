import { randomBytes } from 'node:crypto';
import type { BinaryNode } from 'baileys';
import type { Send, StandInState } from './stand-in-state.ts';

/**
 * What the WhatsApp server stand-in pushes without being asked: the stanzas queued while a
 * device was offline (at its login), a steady trickle of incoming messages, a phone unlinking
 * the device, a server closing the connection, and any stanza a test pushes.
 *
 * With `traffic` (encrypted-traffic.ts) the trickle's messages are really end-to-end
 * encrypted for each companion. Without it they are `<message><enc type="msg">` with random
 * ciphertext: Baileys fails to decrypt them and runs its real path for that (a retry receipt
 * to the sender), which is what a companion does for any message it cannot read.
 */

/** An incoming message as WhatsApp delivers it; `group` ones come from a group chat. */
export function incomingMessage(seq: number, group: boolean): BinaryNode {
  const sender = `55119${String(10_000_000 + (seq % 1_000)).slice(-8)}@s.whatsapp.net`;
  const id = `3EB0${seq.toString(16).toUpperCase().padStart(16, '0')}`;
  return {
    tag: 'message',
    attrs: {
      id,
      from: group ? '120363000000000001@g.us' : sender,
      ...(group && { participant: sender }),
      type: 'text',
      t: String(Math.floor(Date.now() / 1000)),
      notify: 'Loopback',
    },
    content: [
      { tag: 'enc', attrs: { v: '2', type: group ? 'skmsg' : 'msg' }, content: randomBytes(96) },
    ],
  };
}

/** At login: the messages queued while the device was offline, then WhatsApp's count of them. */
export function deliverOfflineQueue(companion: string, send: Send, state: StandInState): void {
  const queued = state.offlineQueue.get(companion) ?? [];
  state.offlineQueue.delete(companion);
  for (const message of queued) send({ ...message, attrs: { ...message.attrs, offline: '1' } });
  send({
    tag: 'ib',
    attrs: {},
    content: [{ tag: 'offline', attrs: { count: String(queued.length) } }],
  });
}

/** Starts the trickle on a logged-in connection; returns how to stop it. */
export function startTrickle(send: Send, state: StandInState, companion: string): () => void {
  let timer: NodeJS.Timeout | undefined;
  // Spread over the interval so sessions do not all receive at the same instant.
  const next = (first: boolean) => {
    const perMinute = state.trickle.perMinute;
    if (perMinute <= 0) {
      timer = setTimeout(() => next(true), 1_000);
      return;
    }
    const everyMs = 60_000 / perMinute;
    timer = setTimeout(
      () => {
        const traffic = state.options.traffic;
        if (state.trickle.perMinute > 0 && traffic) {
          traffic.nextMessage(companion).then(
            (message) => {
              if (!message) return;
              send(message);
              state.trickle.pushed += 1;
            },
            (error: unknown) => console.error('stand-in traffic failed:', error),
          );
        } else if (state.trickle.perMinute > 0) {
          const group = Math.random() < (state.options.groupShare ?? 0);
          send(incomingMessage(++state.trickle.seq, group));
          state.trickle.pushed += 1;
        }
        next(false);
      },
      first ? Math.random() * everyMs : everyMs,
    );
  };
  next(true);
  return () => clearTimeout(timer);
}

/** The stand-in's controls for pushes, for tests to play the server's side. */
export function pushControls(state: StandInState) {
  return {
    /**
     * The phone removes the linked device (Settings, Linked devices, Log out): WhatsApp drops
     * the companion's registration and ends its live connections with a stream error 401
     * carrying `<conflict type="device_removed"/>`, as whatsmeow's LoggedOut handling reads it.
     */
    unlinkDevice(companion: string): number {
      state.registered.delete(companion);
      let ended = 0;
      for (const [record, send] of state.live) {
        if (record.companion !== companion) continue;
        send({
          tag: 'stream:error',
          attrs: { code: '401' },
          content: [{ tag: 'conflict', attrs: { type: 'device_removed' } }],
        });
        state.live.delete(record);
        ended += 1;
      }
      state.wake();
      return ended;
    },
    /** Queues stanzas for the companion's next login (delivered with `offline`, then counted). */
    queueOffline(companion: string, nodes: BinaryNode[]): void {
      state.offlineQueue.set(companion, [...(state.offlineQueue.get(companion) ?? []), ...nodes]);
    },
    /** Closes the companion's connections from the server's side (a server going away). */
    disconnect(companion: string): number {
      let closed = 0;
      for (const [record] of state.live) {
        if (record.companion !== companion) continue;
        record.terminate?.();
        closed += 1;
      }
      return closed;
    },
    /** Pushes a stanza to every logged-in connection of the companion (or all of them). */
    push(node: BinaryNode, companion?: string): number {
      let sent = 0;
      for (const [record, send] of state.live) {
        if (companion && record.companion !== companion) continue;
        send(node);
        sent += 1;
      }
      return sent;
    },
    /** Changes the trickle for every connection, from its next message on. */
    setMessagesPerMinute(perMinute: number): void {
      state.trickle.perMinute = perMinute;
    },
  };
}
