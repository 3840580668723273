/** The event types the product emits (EventBridge `detail-type`, webhook `type`). */
export const SESSION_STATUS_EVENT = 'session.status';

/** A cached contact changed (picture, about text, verified name, devices), as WhatsApp told. */
export const CONTACT_CHANGED_EVENT = 'contact.changed';

/** Event types a tenant's webhook may subscribe to (the default: all of them). */
export const WEBHOOK_EVENT_TYPES = [SESSION_STATUS_EVENT, CONTACT_CHANGED_EVENT] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
