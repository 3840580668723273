import type { ContactQuery } from '../domain/contact/contact-query.ts';
import type { ContactPicture, PictureType } from '../domain/contact/profile-picture.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';

export interface CachedPicture {
  /** The answer as stored: JSON text of GET /contacts/profile-picture's `data`, served as-is. */
  pictureJson: string;
  /** Epoch ms of the WhatsApp fetch that produced it. */
  fetchedAt: number;
  /** Epoch ms after which it is never served: the retention, capped by the URL's own expiry. */
  expiresAt: number;
  /** The picture id (`""` for no picture): what an unchanged-picture check compares. */
  pictureId: string;
}

/**
 * The per-user picture cache, one entry per (session, contact, picture type). A picture URL
 * expires (its `oe` parameter): an entry is never returned past that expiry.
 */
export interface PictureCache {
  get(
    identity: SessionIdentity,
    contact: ContactQuery,
    type: PictureType,
  ): Promise<CachedPicture | null>;
  /**
   * Stores a fetched answer under its JID (and under the number it was asked by, if any). Newer
   * wins. `urlExpiresAt` (epoch ms, from the URL's `oe`) caps how long it is served.
   */
  put(
    identity: SessionIdentity,
    askedAs: ContactQuery,
    type: PictureType,
    picture: ContactPicture,
    fetchedAt: number,
    urlExpiresAt: number | undefined,
  ): Promise<void>;
}
