import type { CarriedValues, ContactChangeField } from '../domain/contact/contact-change.ts';

/**
 * One `contact.changed` event's data, as the contract names it: the contact's JID as its
 * cached profile names it, the fields that changed, and the new values the notification
 * carried (never more than the cache now serves).
 */
export interface ContactChangedEvent {
  tenant: string;
  user: string;
  jid: string;
  changed: ContactChangeField[];
  user_info?: CarriedValues;
}

/** Where contact events go: the same bus (or local queue) as session events. Never throws. */
export interface ContactEventPublisher {
  publishContactChanged(event: ContactChangedEvent): Promise<void>;
}

export const NO_CONTACT_EVENTS: ContactEventPublisher = {
  publishContactChanged: async () => undefined,
};
