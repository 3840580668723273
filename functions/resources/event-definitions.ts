/**
 * The events the product emits, read by the publishers, the delivery function, the CDK rule
 * and the docs: one name for each, in one place.
 */
/** EventBridge `source` of every event. */
export const EVENT_SOURCE = 'wa-contact-profile';

export {
  CONTACT_CHANGED_EVENT,
  SESSION_STATUS_EVENT,
  WEBHOOK_EVENT_TYPES,
} from '../domain/events/event-types.ts';

/**
 * An event as EventBridge hands it to an SQS target (and as the local stack's publisher writes
 * it to the embedded delivery queue): the fields the delivery function reads.
 */
export interface EventEnvelope {
  id: string;
  'detail-type': string;
  source: string;
  time: string;
  detail: Record<string, unknown>;
}
