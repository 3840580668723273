/**
 * WhatsApp answers "" for a status or picture in two different situations: the contact set
 * none, or their privacy settings hide it from this session. Contract fields stay strings
 * (seed types); the additive `user_info.Visibility` object carries this distinction, and says
 * `unavailable` when WhatsApp could not answer for the field (the lookup carries on without it).
 */
export type FieldVisibility = 'set' | 'not_set' | 'hidden' | 'unavailable';

export interface FieldReading {
  visibility: FieldVisibility;
  /** '' unless visibility is 'set'. */
  value: string;
}

export const NOT_SET: FieldReading = { visibility: 'not_set', value: '' };
export const HIDDEN: FieldReading = { visibility: 'hidden', value: '' };
/** WhatsApp answered the lookup but not this field (an error other than the ones above). */
export const UNAVAILABLE: FieldReading = { visibility: 'unavailable', value: '' };

/** Error codes WhatsApp uses per field: 401/403 hidden by privacy, 404/204 nothing there. */
export function readingForErrorCode(code: number): FieldReading | undefined {
  if (code === 401 || code === 403) return HIDDEN;
  if (code === 404 || code === 204) return NOT_SET;
  return undefined;
}
