import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from 'zod';
import { identifierSchema } from '../domain/session/identifier-schema.ts';

/**
 * The profile function is invoked two ways: by API Gateway (a REST proxy event) and directly
 * by other AWS services (Step Functions, another Lambda, EventBridge) with this event. The kind
 * is told explicitly from the event's shape, never guessed from a failure.
 */
export const directProfileEventSchema = z.object({
  tenantId: identifierSchema,
  userId: identifierSchema,
  jid: z.string().max(256).optional(),
  number: z.string().max(256).optional(),
  refresh: z.boolean().optional(),
});

export type DirectProfileEvent = z.infer<typeof directProfileEventSchema>;

/**
 * What the function may receive: an API Gateway proxy event, a direct event, an EventBridge
 * envelope around one, or anything else (answered with VALIDATION_ERROR); told apart at run time.
 */
export type ProfileFunctionEvent = unknown;

export function isApiGatewayProxyEvent(event: unknown): event is APIGatewayProxyEvent {
  return (
    typeof event === 'object' &&
    event !== null &&
    typeof (event as { httpMethod?: unknown }).httpMethod === 'string' &&
    typeof (event as { requestContext?: unknown }).requestContext === 'object'
  );
}

/**
 * An EventBridge rule targeting the function delivers its event envelope; the direct event is
 * its `detail` (the same as a rule with InputPath `$.detail`).
 */
export function unwrapEventBridgeEvent(event: unknown): unknown {
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
