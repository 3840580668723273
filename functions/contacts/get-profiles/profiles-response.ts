import { errorBodyFor, toAppErrorDescription } from '../../api/error-envelope.ts';
import { successBodyJson } from '../get-profile/profile-response.ts';
import type { BatchProfileResult } from './get-contact-profiles.ts';

/**
 * Each item exactly the body GET /contacts/profile gives for that contact: the success body
 * (built from the stored JSON without parsing it again) or the error envelope.
 */
export function batchItemJson(item: BatchProfileResult, now: Date): string {
  return item.ok
    ? successBodyJson(item.profileJson)
    : JSON.stringify(errorBodyFor(item.error, now));
}

/** POST /contacts/profiles' body: `{"success":true,"data":[item, ...]}`, in request order. */
export function batchBodyJson(
  items: readonly BatchProfileResult[],
  now: Date = new Date(),
): string {
  return `{"success":true,"data":[${items.map((item) => batchItemJson(item, now)).join(',')}]}`;
}

/** The per-item errors that are our bugs (logged, as the single lookup logs its 5xx). */
export function unexpectedItemErrors(items: readonly BatchProfileResult[]): unknown[] {
  return items.flatMap((item) =>
    !item.ok && toAppErrorDescription(item.error).errorCode === 'INTERNAL_ERROR'
      ? [item.error]
      : [],
  );
}
