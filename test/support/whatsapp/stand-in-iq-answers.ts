import type { BinaryNode } from 'baileys';
import { newPairingRef } from './pairing-phone.ts';
import { businessProfileAnswer, pictureAnswer, usyncAnswer } from './stand-in-profile-answers.ts';
import { iqErrorReply } from './stand-in-replies.ts';
import { SERVER, type Send, type StandInState } from './stand-in-state.ts';

/**
 * The WhatsApp server stand-in's answer to each IQ a companion sends: a scripted error or
 * silence first (see stand-in-replies), else what WhatsApp answers. Profile queries are
 * answered after `profileReplyDelayMs`, as WhatsApp's own latency; everything else at once.
 */
export function answerIq(
  node: BinaryNode,
  send: Send,
  state: StandInState,
  companion: string | undefined,
): void {
  if (node.tag !== 'iq' || node.attrs.type === 'result' || node.attrs.type === 'error') return;
  const { options } = state;
  const id = node.attrs.id ?? '';
  const scripted = state.script.take(node, companion);
  if (scripted === 'no-answer') return;
  if (scripted) {
    send(iqErrorReply(id, scripted));
    return;
  }
  const first = Array.isArray(node.content) ? node.content[0] : undefined;
  const result = (content?: BinaryNode[]): BinaryNode => ({
    tag: 'iq',
    attrs: { from: SERVER, type: 'result', id },
    ...(content && { content }),
  });
  const later = (reply: () => BinaryNode) =>
    setTimeout(() => send(reply()), options.profileReplyDelayMs ?? 0);
  switch (`${node.attrs.xmlns}/${first?.tag ?? ''}`) {
    case 'encrypt/count':
      send(result([{ tag: 'count', attrs: { value: String(options.preKeysOnServer ?? 50) } }]));
      return;
    case 'encrypt/digest':
      send(result([{ tag: 'digest', attrs: {} }]));
      return;
    case 'abt/props':
      send(result([{ tag: 'props', attrs: { protocol: '1', hash: 'loopback' } }]));
      return;
    case 'blocklist/':
      send(result([{ tag: 'list', attrs: {} }]));
      return;
    case 'privacy/privacy':
      send(result([{ tag: 'privacy', attrs: {}, content: privacyCategories() }]));
      return;
    case 'usync/usync':
      later(() => usyncAnswer(id, first, options.lidOnlyNumbers));
      return;
    case 'md/link_code_companion_reg':
      // WhatsApp answers the companion's hello with a ref for the rest of the exchange.
      send(
        result([
          {
            tag: 'link_code_companion_reg',
            attrs: {},
            content: [
              { tag: 'link_code_pairing_ref', attrs: {}, content: Buffer.from(newPairingRef()) },
            ],
          },
        ]),
      );
      return;
    case 'w:profile:picture/picture':
      later(() => result([pictureAnswer(node, first)]));
      return;
    case 'w:biz/business_profile':
      later(() => result([businessProfileAnswer(first)]));
      return;
    default:
      // Keep-alive pings (w:p), passive/active, and anything else: an empty result.
      send(result());
  }
}

function privacyCategories(): BinaryNode[] {
  return ['last', 'online', 'profile', 'status', 'readreceipts', 'groupadd'].map((name) => ({
    tag: 'category',
    attrs: { name, value: 'all' },
  }));
}
