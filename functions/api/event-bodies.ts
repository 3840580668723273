import { contactProfileSchema } from '../domain/contact/contact-profile.ts';
import { CONTACT_CHANGED_EVENT, SESSION_STATUS_EVENT } from '../domain/events/event-types.ts';
import * as z from '../domain/validation/zod-mini.ts';
import { SESSION_STATUSES } from './session-bodies.ts';

/**
 * The bodies a tenant's webhook receives (and, as `detail`, what the EventBridge bus carries):
 * the contract's event envelope around each event type's `data`. Documented in the OpenAPI
 * document's components; the delivery tests parse what they receive with them.
 */
const timestamp = z.string().check(z.describe('ISO-8601 UTC: when the event was emitted.'));

export const sessionStatusEventSchema = z.object({
  type: z.literal(SESSION_STATUS_EVENT),
  timestamp,
  data: z.object({
    tenant: z.string(),
    user: z.string(),
    status: z.enum(SESSION_STATUSES),
    previous_status: z.enum(SESSION_STATUSES),
    reason: z
      .string()
      .check(z.describe('A short code: pairing_started, paired, connection_lost, ...')),
    jid: z
      .nullable(z.string())
      .check(z.describe("The paired account's JID while paired; null otherwise.")),
  }),
});

const userInfo = contactProfileSchema.shape.user_info.shape;

export const contactChangedEventSchema = z.object({
  type: z.literal(CONTACT_CHANGED_EVENT),
  timestamp,
  data: z.strictObject({
    tenant: z.string(),
    user: z.string(),
    jid: z.string().check(z.describe("The contact's JID, as its cached profile names it.")),
    changed: z
      .array(z.enum(['PictureID', 'Status', 'VerifiedName', 'Devices']))
      .check(
        z.minLength(1),
        z.describe(
          'The user_info fields WhatsApp said changed. A field listed without a value in user_info (Devices always) marked the cached profile stale: the next GET /contacts/profile asks WhatsApp again.',
        ),
      ),
    user_info: z
      .optional(
        z.strictObject({
          PictureID: z.optional(userInfo.PictureID),
          Status: z.optional(userInfo.Status),
          VerifiedName: z.optional(userInfo.VerifiedName),
        }),
      )
      .check(
        z.describe(
          'The new values the notification carried, exactly as the cached profile now serves them ("" for a removed picture); absent when it carried none.',
        ),
      ),
  }),
});
