import * as z from 'zod';

/**
 * The response's `data` object, exactly in the seed's shape (PascalCase inside `user_info` and
 * `business_profile`). Validated wherever it crosses a process boundary: the offline directory
 * file, the worker's reply, the cache item.
 */
const verifiedNameSchema = z.looseObject({
  Certificate: z.looseObject({
    Details: z.string().optional(),
    Signature: z.string().optional(),
    ServerSignature: z.string().optional(),
  }),
  Details: z.looseObject({
    // 64-bit integers exceed JavaScript's safe range: always strings.
    Serial: z.string().regex(/^\d+$/).optional(),
    Issuer: z.string().optional(),
    VerifiedName: z.string().optional(),
    LocalizedNames: z.array(z.looseObject({})).optional(),
    IssueTime: z.string().regex(/^\d+$/).optional(),
  }),
});

const businessProfileSchema = z.looseObject({
  JID: z.string(),
  Address: z.string(),
  Email: z.string(),
  Categories: z.array(z.object({ ID: z.string(), Name: z.string() })),
  ProfileOptions: z.record(z.string(), z.string()),
  BusinessHoursTimeZone: z.string(),
  BusinessHours: z.array(
    z.object({
      DayOfWeek: z.string(),
      Mode: z.string(),
      OpenTime: z.number().int(),
      CloseTime: z.number().int(),
    }),
  ),
  Description: z.string(),
  Website: z.array(z.string()),
});

/**
 * Additive (not in the seed): why Status or PictureID is what it is. `""` alone cannot tell a
 * contact who set nothing from one whose privacy settings hide the field from this session.
 */
const fieldVisibilitySchema = z.enum(['set', 'not_set', 'hidden']);

export const contactProfileSchema = z.object({
  jid: z.string(),
  user_info: z.looseObject({
    Status: z.string(),
    PictureID: z.string(),
    Devices: z.array(z.string()),
    VerifiedName: verifiedNameSchema.nullable(),
    Visibility: z
      .object({ Status: fieldVisibilitySchema, PictureID: fieldVisibilitySchema })
      .optional()
      .describe(
        'Additive: tells a value that is not set from one hidden by the contact’s privacy settings (both are "" in Status and PictureID). Present when the profile came from WhatsApp.',
      ),
  }),
  business_profile: businessProfileSchema.nullable(),
});

export type ContactProfile = z.infer<typeof contactProfileSchema>;
export type BusinessProfile = z.infer<typeof businessProfileSchema>;
