import type { ContactQuery } from './contact-query.ts';
import { type ContactSelector, parseContact } from './parse-contact.ts';

/**
 * @deprecated Use `parseContact`. Kept only so the worker's warm-up dispatcher, which is being
 * reworked separately, keeps compiling; remove once it calls `parseContact` itself.
 */
export function parseProfileQuery(selector: ContactSelector): { contact: ContactQuery } {
  return { contact: parseContact(selector) };
}
