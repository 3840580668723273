import type { ContactProfile } from '../domain/contact/contact-profile.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';

/**
 * Where profiles come from: WhatsApp itself through the user's session (Baileys adapter) or a
 * JSON file (offline directory). Failures are AppErrors: NotFoundError when the contact is not
 * on WhatsApp, SessionUnavailableError, RateLimitedError, UpstreamTimeoutError.
 */
export interface WhatsAppDirectory {
  lookup(
    identity: SessionIdentity,
    contact: ContactQuery,
    signal: AbortSignal,
  ): Promise<ContactProfile>;
  /** Opens the sessions of a shard this process just acquired (adapters holding sockets). */
  openShard?(shard: number): Promise<unknown>;
  /** Closes the sessions of a shard whose lease this process lost (adapters holding sockets). */
  closeShard?(shard: number): Promise<void>;
  close?(): Promise<void>;
}
