import * as z from '../validation/zod-mini.ts';

/**
 * whatsmeow's `types.ProfilePictureInfo` as whatsmeow writes it, without `hash` (its format is
 * unknown and clients cannot use it).
 */
export const profilePictureInfoSchema = z.object({
  url: z.string(),
  id: z.string(),
  type: z.string(),
  direct_path: z.string(),
});

/**
 * The `data` of GET /contacts/profile-picture: the picture, or null with the reason (the contact
 * set none, or hides it from this session).
 */
export const contactPictureSchema = z.union([
  z.object({ jid: z.string(), picture: profilePictureInfoSchema }),
  z.object({
    jid: z.string(),
    picture: z.null(),
    visibility: z.enum(['not_set', 'hidden']),
  }),
]);

export type ProfilePictureInfo = z.infer<typeof profilePictureInfoSchema>;
export type ContactPicture = z.infer<typeof contactPictureSchema>;

/** Which picture: the full image, or the thumbnail (`preview`). */
export type PictureType = 'image' | 'preview';

/**
 * When a picture URL stops working: its `oe` query parameter, hex epoch seconds, as epoch ms.
 * Undefined when the URL carries none (or not a readable one).
 */
export function pictureUrlExpiresAt(url: string): number | undefined {
  let oe: string | null;
  try {
    oe = new URL(url).searchParams.get('oe');
  } catch {
    return undefined;
  }
  if (!oe || !/^[0-9a-fA-F]{1,12}$/.test(oe)) return undefined;
  return Number.parseInt(oe, 16) * 1000;
}
