import type { ContactChange } from '../domain/contact/contact-change.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';

/** Where a session's socket hands the contact changes WhatsApp notified it of. */
export interface ContactChangeListener {
  contactChanged(identity: SessionIdentity, change: ContactChange): Promise<void>;
}
