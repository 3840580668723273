import { readFile } from 'node:fs/promises';
import { type ContactProfile, contactProfileSchema } from '../domain/contact/contact-profile.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import { jidUser } from '../domain/contact/normalise-jid.ts';
import {
  type ProfilePictureInfo,
  profilePictureInfoSchema,
} from '../domain/contact/profile-picture.ts';
import { AppError, NotFoundError } from '../domain/errors/app-errors.ts';
import * as z from '../domain/validation/zod-mini.ts';
import type {
  DirectoryBatchItem,
  DirectoryPicture,
  PictureRequest,
  WhatsAppDirectory,
} from '../ports/whatsapp-directory.ts';

/** The bundled demo directory, used when WA_DIRECTORY_FILE is not set. */
export const DEMO_DIRECTORY_FILE = new URL('../data/demo-directory.json', import.meta.url).pathname;

/** An entry: the response's `data`, plus the picture GET /contacts/profile-picture answers. */
const directoryEntrySchema = z.extend(contactProfileSchema, {
  profile_picture: z.optional(z.nullable(profilePictureInfoSchema)),
});

interface DirectoryEntry {
  profile: ContactProfile;
  picture: ProfilePictureInfo | null;
}

/**
 * A WhatsApp directory read from a JSON file: an array of objects shaped exactly like the
 * response's `data`, each optionally with a `profile_picture` (served by the picture lookup,
 * never by the profile lookup). A number resolves to the entry whose JID user part equals its
 * digits. Every session sees the same directory; what is not in the file is not on WhatsApp.
 */
export class OfflineDirectory implements WhatsAppDirectory {
  readonly #byJid: Map<string, DirectoryEntry>;
  readonly #byNumber: Map<string, DirectoryEntry>;

  private constructor(entries: DirectoryEntry[]) {
    this.#byJid = new Map(entries.map((entry) => [entry.profile.jid, entry]));
    this.#byNumber = new Map(
      entries
        .filter((entry) => entry.profile.jid.endsWith('@s.whatsapp.net'))
        .map((entry) => [jidUser(entry.profile.jid), entry]),
    );
  }

  static async fromFile(path: string): Promise<OfflineDirectory> {
    const text = await readFile(path, 'utf8');
    const parsed = z.array(directoryEntrySchema).safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new Error(
        `WA_DIRECTORY_FILE ${path} is not a valid directory: ${parsed.error.message}`,
      );
    }
    return new OfflineDirectory(
      parsed.data.map(({ profile_picture, ...profile }) => ({
        profile,
        picture: profile_picture ?? null,
      })),
    );
  }

  async lookup(_identity: unknown, contact: ContactQuery): Promise<ContactProfile> {
    return this.#entry(contact).profile;
  }

  /** The entry's `profile_picture`; an entry without one has none (`not_set`). */
  async lookupPicture(
    _identity: unknown,
    contact: ContactQuery,
    request: PictureRequest,
  ): Promise<DirectoryPicture> {
    const { profile, picture } = this.#entry(contact);
    if (!picture) return { jid: profile.jid, picture: null, visibility: 'not_set' };
    if (request.existingId && request.existingId === picture.id) {
      return { jid: profile.jid, unchanged: true };
    }
    return { jid: profile.jid, picture };
  }

  async lookupMany(_identity: unknown, contacts: ContactQuery[]): Promise<DirectoryBatchItem[]> {
    return contacts.map((contact) => {
      try {
        return { ok: true, profile: this.#entry(contact).profile };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error };
        throw error;
      }
    });
  }

  #entry(contact: ContactQuery): DirectoryEntry {
    const entry =
      contact.kind === 'jid' ? this.#byJid.get(contact.jid) : this.#byNumber.get(contact.digits);
    if (!entry) {
      throw new NotFoundError(
        contact.kind === 'jid' ? 'the contact is not on WhatsApp' : 'the number is not on WhatsApp',
      );
    }
    return entry;
  }
}
