import { normalisePhoneNumber } from '../domain/contact/normalise-phone-number.ts';
import { AppError, ValidationError } from '../domain/errors/app-errors.ts';
import {
  type AccountRestriction,
  restrictionHolds,
} from '../domain/session/account-restriction.ts';
import * as z from '../domain/validation/zod-mini.ts';
import type { StoredSessionStatus } from '../ports/session-status-reader.ts';
import { JSON_CONTENT_TYPE } from './error-envelope.ts';

/** The statuses GET /session answers with. */
export const SESSION_STATUSES = [
  'unpaired',
  'pairing',
  'connecting',
  'paired',
  'logged_out',
] as const;

export type SessionStatusName = (typeof SESSION_STATUSES)[number];

/**
 * What the session use cases know about a user's session, before it becomes a response body:
 * the paired account (paired only), or the current QR payload or pairing code (pairing only).
 * `restricted` is a paired account WhatsApp temporarily banned: answered as `connecting`.
 */
export type SessionView =
  | { status: 'paired'; jid: string | null; since: string | null; restriction?: AccountRestriction }
  | {
      status: 'restricted';
      jid: string | null;
      since: string | null;
      restriction: AccountRestriction;
    }
  | { status: 'unpaired' | 'logged_out' | 'connecting' }
  | { status: 'pairing'; qr?: string; pairingCode?: string; expiresAt?: number };

const isoSchema = z.string().check(z.describe('ISO-8601 UTC'));

/** GET /session's data. */
export const sessionStatusSchema = z.object({
  status: z.enum(SESSION_STATUSES),
  jid: z
    .nullable(z.string())
    .check(z.describe("The paired account's JID (<digits>@s.whatsapp.net); null unless paired.")),
  since: z
    .nullable(isoSchema)
    .check(z.describe('When the account was linked; null unless paired.')),
  qr: z
    .optional(z.string())
    .check(
      z.describe(
        'While pairing with QR codes: the current QR payload (render it with any QR library). Secret; valid until expires_at.',
      ),
    ),
  pairing_code: z
    .optional(z.string())
    .check(
      z.describe('While pairing with a phone number: the code to type on that phone (ABCD-EFGH).'),
    ),
  expires_at: z
    .optional(isoSchema)
    .check(z.describe('When the current qr or pairing_code stops being valid.')),
  reason: z
    .optional(z.enum(['temporary_ban', 'reachout_timelock']))
    .check(
      z.describe(
        "Only while WhatsApp restricts the paired account: `temporary_ban` (status `connecting`: WhatsApp refuses the account's logins until the ban ends) or `reachout_timelock` (status `paired`: WhatsApp's reach-out time lock). Live lookups answer 429 RATE_LIMITED meanwhile; cached profiles are still served.",
      ),
    ),
  restricted_until: z
    .optional(z.nullable(isoSchema))
    .check(
      z.describe('With reason: when WhatsApp said the restriction ends; null when it gave no end.'),
    ),
  ban_code: z
    .optional(z.int())
    .check(
      z.describe(
        "With temporary_ban: WhatsApp's reason code for the ban (101 ... 106), when sent.",
      ),
    ),
});

/** POST /session/pair's data: the code to scan or type, or the paired status. */
export const pairSessionResultSchema = z.union([
  z.object({
    status: z.literal('pairing'),
    qr: z
      .optional(z.string())
      .check(z.describe('The current QR payload; a new one about every 20 s.')),
    pairing_code: z
      .optional(z.string())
      .check(z.describe('With phone: the code to type (ABCD-EFGH).')),
    expires_at: isoSchema.check(z.describe('When this qr or pairing_code stops being valid.')),
  }),
  z.object({
    status: z.literal('connecting'),
    jid: z.null(),
    since: z.null(),
  }),
  z.object({
    status: z.literal('paired'),
    jid: z.nullable(z.string()),
    since: z.nullable(isoSchema),
  }),
]);

/** DELETE /session's data. */
export const logOutSessionResultSchema = z.object({ status: z.literal('unpaired') });

export type SessionStatusBody = z.infer<typeof sessionStatusSchema>;

/** POST /session/pair's body: `{}`, nothing at all, or `{"phone": "<international number>"}`. */
export const pairSessionRequestSchema = z.strictObject({
  phone: z
    .optional(z.string('phone must be a string: an international phone number'))
    .check(
      z.describe(
        'Pair with a code typed on this phone instead of scanning QR codes: international format; + spaces dashes dots and parentheses tolerated.',
      ),
    ),
});

/** The phone digits a pairing code goes to, or none for QR codes. */
export function parsePairSessionBody(
  body: string | null,
  isBase64Encoded = false,
): { phoneDigits?: string } {
  const text = body && isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  if (text === null || text.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ValidationError('the body must be JSON: {} or {"phone": "+55 11 99999-9999"}');
  }
  const parsed = pairSessionRequestSchema.parse(json);
  if (parsed.phone === undefined) return {};
  try {
    return { phoneDigits: normalisePhoneNumber(parsed.phone) };
  } catch (error) {
    // The domain speaks of a contact's "number"; here the field is the user's own phone.
    if (error instanceof AppError) {
      throw new ValidationError(error.message.replace(/^number\b/, 'phone'));
    }
    throw error;
  }
}

/** The pairing code as the phone shows its input: `ABCD-EFGH`. */
export function displayPairingCode(code: string): string {
  return code.length === 8 && !code.includes('-') ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}

function isoSeconds(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}

function codeFields(view: Extract<SessionView, { status: 'pairing' }>) {
  return {
    ...(view.qr !== undefined && { qr: view.qr }),
    ...(view.pairingCode !== undefined && { pairing_code: displayPairingCode(view.pairingCode) }),
    ...(view.expiresAt !== undefined && { expires_at: isoSeconds(view.expiresAt) }),
  };
}

function restrictionFields(restriction: AccountRestriction | undefined) {
  if (!restriction) return {};
  return {
    reason: restriction.reason,
    restricted_until: restriction.endsAt ?? null,
    ...(restriction.banCode !== undefined && { ban_code: restriction.banCode }),
  };
}

/**
 * The view of the stored status when no attempt is under way: a paired account's restriction
 * while it holds (a temporary ban shows as `connecting`).
 */
export function storedStatusView(status: StoredSessionStatus, now = Date.now()): SessionView {
  if (status.state === 'paired') {
    const account = { jid: status.jid ?? null, since: status.pairedAt ?? null };
    const restriction =
      status.restriction && restrictionHolds(status.restriction, now)
        ? status.restriction
        : undefined;
    if (restriction?.reason === 'temporary_ban') {
      return { status: 'restricted', ...account, restriction };
    }
    return { status: 'paired', ...account, ...(restriction && { restriction }) };
  }
  return { status: status.state === 'logged_out' ? 'logged_out' : 'unpaired' };
}

/** GET /session's data for a view; a temporarily banned account is `connecting`. */
export function sessionStatusBody(view: SessionView): SessionStatusBody {
  if (view.status === 'paired' || view.status === 'restricted') {
    const status = view.status === 'paired' ? 'paired' : 'connecting';
    return { status, jid: view.jid, since: view.since, ...restrictionFields(view.restriction) };
  }
  if (view.status === 'pairing') {
    return { status: 'pairing', jid: null, since: null, ...codeFields(view) };
  }
  return { status: view.status, jid: null, since: null };
}

/** POST /session/pair's data for a view (a pairing view always carries a code here). */
export function pairSessionResultBody(view: SessionView): Record<string, unknown> {
  if (view.status === 'pairing') return { status: 'pairing', ...codeFields(view) };
  return sessionStatusBody(view);
}

/** 200 with `{"success": true, "data": ...}`; never cached (it carries secrets while pairing). */
export function sessionSuccessResponse(data: unknown): {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
} {
  return {
    statusCode: 200,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, 'Cache-Control': 'no-store' },
    body: JSON.stringify({ success: true, data }),
  };
}
