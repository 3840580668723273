import type { BinaryNode } from 'baileys';
import { REACHOUT_TIMELOCK_IQ_ERROR } from './stand-in-account-health.ts';

/**
 * What the WhatsApp server stand-in knows about the IQs a companion sends: which kind each one
 * is, and how WhatsApp refuses one. Tests script a kind's next answers (an error, or none at
 * all) and the stand-in sends them through its real Noise transport, so Baileys hands them to
 * the worker exactly as it hands over WhatsApp's (a thrown error, or a query that times out).
 */

/** Every IQ the worker (or Baileys on its behalf) sends, by what it asks. */
export const STANZA_KINDS = [
  'contact-lookup',
  'user-info',
  'business-profile',
  'picture',
  'pairing-code',
  'logout',
  'pre-key-count',
  'pre-key-digest',
  'pre-key-upload',
  'props',
  'blocklist',
  'privacy-settings',
  'passive',
  'ping',
] as const;

export type StanzaKind = (typeof STANZA_KINDS)[number];

/**
 * The IQs Baileys 7.0.0-rc14 sends by itself once logged in: at `<success>` the pre-key count
 * (and an upload when 5 or fewer are left), `passive` `active` and the key-bundle digest, before
 * it reports the connection open; then AB props, the blocklist and the privacy settings; and a
 * keep-alive ping every interval.
 */
export const POST_LOGIN_KINDS = [
  'pre-key-count',
  'pre-key-upload',
  'passive',
  'pre-key-digest',
  'props',
  'blocklist',
  'privacy-settings',
  'ping',
] as const satisfies readonly StanzaKind[];

/** The kind of an IQ a companion sent; undefined for anything the stand-in does not know. */
export function stanzaKind(node: BinaryNode): StanzaKind | undefined {
  if (node.tag !== 'iq') return undefined;
  const first = Array.isArray(node.content) ? node.content[0] : undefined;
  const xmlns = node.attrs.xmlns;
  switch (`${xmlns}/${first?.tag ?? ''}`) {
    case 'usync/usync':
      return first?.attrs.mode === 'query' && first.attrs.context === 'interactive'
        ? 'contact-lookup'
        : 'user-info';
    case 'w:biz/business_profile':
      return 'business-profile';
    case 'w:profile:picture/picture':
      return 'picture';
    case 'md/link_code_companion_reg':
      return 'pairing-code';
    case 'md/remove-companion-device':
      return 'logout';
    case 'encrypt/count':
      return 'pre-key-count';
    case 'encrypt/digest':
      return 'pre-key-digest';
    case 'encrypt/registration':
    case 'encrypt/list':
      return 'pre-key-upload';
    case 'abt/props':
      return 'props';
    case 'blocklist/':
      return 'blocklist';
    case 'privacy/privacy':
      return 'privacy-settings';
    case 'passive/active':
      return 'passive';
    case 'w:p/ping':
      return 'ping';
    default:
      return undefined;
  }
}

/** Each error whatsmeow handles on an IQ, with the text WhatsApp sends with it. */
export const WHATSAPP_IQ_ERRORS = {
  400: 'bad-request',
  401: 'not-authorized',
  403: 'forbidden',
  404: 'item-not-found',
  429: 'rate-overlimit',
  500: 'internal-server-error',
} as const;

/** The IQ errors a test may script: whatsmeow's, and the reach-out time lock's 463. */
export type WhatsAppIqErrorCode =
  | keyof typeof WHATSAPP_IQ_ERRORS
  | keyof typeof REACHOUT_TIMELOCK_IQ_ERROR;

const SCRIPTABLE_IQ_ERRORS: Record<WhatsAppIqErrorCode, string> = {
  ...WHATSAPP_IQ_ERRORS,
  ...REACHOUT_TIMELOCK_IQ_ERROR,
};

/** A scripted answer: WhatsApp's `<iq type="error">` with this code, or no answer at all. */
export type ScriptedReply = { code: WhatsAppIqErrorCode; backoffSeconds?: number } | 'no-answer';

/** `<iq type="error"><error code text [backoff]/></iq>`, as WhatsApp refuses an IQ. */
export function iqErrorReply(
  id: string,
  reply: Exclude<ScriptedReply, 'no-answer'>,
  from = 's.whatsapp.net',
): BinaryNode {
  return {
    tag: 'iq',
    attrs: { from, type: 'error', id },
    content: [
      {
        tag: 'error',
        attrs: {
          code: String(reply.code),
          text: SCRIPTABLE_IQ_ERRORS[reply.code],
          ...(reply.backoffSeconds !== undefined && { backoff: String(reply.backoffSeconds) }),
        },
      },
    ],
  };
}

/** Scripted answers per kind, each used once, in order; unscripted kinds answer as usual. */
export class ReplyScript {
  readonly #queued = new Map<StanzaKind, { reply: ScriptedReply; companion?: string }[]>();

  /**
   * The next `times` IQs of `kind` get `reply` (Infinity: every one until `clear`); with
   * `companion` (`user:device`), only the IQs that companion sends.
   */
  set(kind: StanzaKind, reply: ScriptedReply, times = 1, companion?: string): void {
    const queue = this.#queued.get(kind) ?? [];
    for (let index = 0; index < Math.min(times, 1_000); index++) {
      queue.push({ reply, ...(companion !== undefined && { companion }) });
    }
    this.#queued.set(kind, queue);
  }

  /** The scripted answer for this IQ from `companion` (if logged in), if any (consumed). */
  take(node: BinaryNode, companion?: string): ScriptedReply | undefined {
    const kind = stanzaKind(node);
    const queue = kind ? this.#queued.get(kind) : undefined;
    const index =
      queue?.findIndex((entry) => entry.companion === undefined || entry.companion === companion) ??
      -1;
    return index < 0 ? undefined : queue?.splice(index, 1)[0]?.reply;
  }

  clear(): void {
    this.#queued.clear();
  }
}
