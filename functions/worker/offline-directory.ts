import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { type ContactProfile, contactProfileSchema } from '../domain/contact/contact-profile.ts';
import type { ContactQuery } from '../domain/contact/contact-query.ts';
import { jidUser } from '../domain/contact/normalise-jid.ts';
import { NotFoundError } from '../domain/errors/app-errors.ts';
import type { WhatsAppDirectory } from '../ports/whatsapp-directory.ts';

/** The bundled demo directory, used when WA_DIRECTORY_FILE is not set. */
export const DEMO_DIRECTORY_FILE = new URL('../data/demo-directory.json', import.meta.url).pathname;

/**
 * A WhatsApp directory read from a JSON file: an array of objects shaped exactly like the
 * response's `data`. A number resolves to the entry whose JID user part equals its digits.
 * Every session sees the same directory; what is not in the file is not on WhatsApp.
 */
export class OfflineDirectory implements WhatsAppDirectory {
  readonly #byJid: Map<string, ContactProfile>;
  readonly #byNumber: Map<string, ContactProfile>;

  private constructor(profiles: ContactProfile[]) {
    this.#byJid = new Map(profiles.map((profile) => [profile.jid, profile]));
    this.#byNumber = new Map(
      profiles
        .filter((profile) => profile.jid.endsWith('@s.whatsapp.net'))
        .map((profile) => [jidUser(profile.jid), profile]),
    );
  }

  static async fromFile(path: string): Promise<OfflineDirectory> {
    const text = await readFile(path, 'utf8');
    const parsed = z.array(contactProfileSchema).safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new Error(
        `WA_DIRECTORY_FILE ${path} is not a valid directory: ${parsed.error.message}`,
      );
    }
    return new OfflineDirectory(parsed.data);
  }

  async lookup(_identity: unknown, contact: ContactQuery): Promise<ContactProfile> {
    const profile =
      contact.kind === 'jid' ? this.#byJid.get(contact.jid) : this.#byNumber.get(contact.digits);
    if (!profile) {
      throw new NotFoundError(
        contact.kind === 'jid' ? 'the contact is not on WhatsApp' : 'the number is not on WhatsApp',
      );
    }
    return profile;
  }
}
