import { contactSelectorSchema } from '../../domain/contact/parse-contact.ts';
import { ValidationError } from '../../domain/errors/app-errors.ts';
import { identifierSchema } from '../../domain/session/identifier-schema.ts';
import * as z from '../../domain/validation/zod-mini.ts';

/**
 * What another AWS service sends the contacts direct function (Lambda Invoke, a Step Functions
 * task, an EventBridge rule's `detail`). No bearer token: the caller's IAM permission to invoke
 * the function is the authority. Other fields (a lead id, say) are ignored.
 */
export const directProfileEventSchema = z.object({
  tenantId: identifierSchema,
  userId: identifierSchema,
  ...contactSelectorSchema.shape,
  refresh: z.optional(z.boolean()),
});

export type DirectProfileEvent = z.infer<typeof directProfileEventSchema>;

/**
 * Many contacts in one invocation (a Step Functions task enriching a list): POST
 * /contacts/profiles' body with the (tenant, user) it is for. The result is that route's body.
 */
export const directProfilesEventSchema = z.object({
  tenantId: identifierSchema,
  userId: identifierSchema,
  contacts: z.array(z.unknown()),
  refresh: z.optional(z.boolean()),
});

export type DirectProfilesEvent = z.infer<typeof directProfilesEventSchema>;

/**
 * An EventBridge rule targeting the function delivers its event envelope; the direct event is
 * its `detail` (the same as a rule with InputPath `$.detail`).
 */
function unwrapEventBridgeEvent(event: unknown): unknown {
  if (
    typeof event === 'object' &&
    event !== null &&
    'detail-type' in event &&
    'detail' in event &&
    typeof event.detail === 'object'
  ) {
    return event.detail;
  }
  return event;
}

/**
 * Reads whatever the function was invoked with: one contact, or many (`contacts`). Anything but
 * a direct event is a 400 envelope.
 */
export function parseDirectProfileEvent(
  received: unknown,
): ({ kind: 'one' } & DirectProfileEvent) | ({ kind: 'many' } & DirectProfilesEvent) {
  const event = unwrapEventBridgeEvent(received);
  if (typeof event !== 'object' || event === null || !('tenantId' in event)) {
    throw new ValidationError(
      'unsupported event: send {"tenantId","userId","jid"|"number"} or {"tenantId","userId","contacts":[...]}, directly or as the detail of an EventBridge event',
    );
  }
  if ('contacts' in event) return { kind: 'many', ...directProfilesEventSchema.parse(event) };
  return { kind: 'one', ...directProfileEventSchema.parse(event) };
}
