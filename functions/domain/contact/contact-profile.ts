import * as z from '../validation/zod-mini.ts';

/**
 * The response's `data` object, exactly in the seed's shape (PascalCase inside `user_info` and
 * `business_profile`). Validated wherever it crosses a process boundary: the offline directory
 * file, the worker's reply, the cache item.
 */
const decimal64 = z
  .string()
  .check(
    z.regex(/^\d+$/),
    z.describe('64-bit unsigned integer as a decimal string (exceeds JavaScript numbers)'),
  );
const base64 = z.string().check(z.describe('bytes, base64'));

/**
 * whatsmeow's `types.VerifiedName`: the certificate and its details under their protobuf JSON
 * names, each omitted when empty. Strict inside, so an entry in an older shape (PascalCase inner
 * keys) is refused rather than passed on; whatsmeow's newer attributes may sit beside them.
 */
const verifiedNameSchema = z.looseObject({
  Certificate: z.strictObject({
    details: z.optional(base64),
    signature: z.optional(base64),
    serverSignature: z.optional(base64),
  }),
  Details: z.strictObject({
    serial: z.optional(decimal64),
    issuer: z.optional(z.string()),
    verifiedName: z.optional(z.string()),
    localizedNames: z.optional(
      z.array(
        z.strictObject({
          lg: z.optional(z.string()),
          lc: z.optional(z.string()),
          verifiedName: z.optional(z.string()),
        }),
      ),
    ),
    issueTime: z.optional(decimal64),
  }),
});

/** Minutes after midnight as WhatsApp sends them ("420"), "" when absent. */
const minutesOfDay = z
  .string()
  .check(
    z.regex(/^\d*$/),
    z.describe('minutes after midnight as a string, e.g. "420"; "" when absent'),
  );

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
      OpenTime: minutesOfDay,
      CloseTime: minutesOfDay,
    }),
  ),
  Description: z.string(),
  Website: z.array(z.string()),
});

/**
 * Additive (not in the seed): why Status or PictureID is what it is. `""` alone cannot tell a
 * contact who set nothing from one whose privacy settings hide the field from this session.
 */
const fieldVisibilitySchema = z.enum(['set', 'not_set', 'hidden', 'unavailable']);

export const contactProfileSchema = z.object({
  jid: z.string(),
  user_info: z.looseObject({
    Status: z.string(),
    PictureID: z.string(),
    Devices: z.array(z.string()),
    VerifiedName: z.nullable(verifiedNameSchema),
    LID: z
      .optional(z.string().check(z.regex(/^\d+@lid$/)))
      .check(
        z.describe('Additive: the contact’s linked-identity (@lid) JID, present only when known.'),
      ),
    Visibility: z
      .optional(
        z.object({
          Status: fieldVisibilitySchema,
          PictureID: fieldVisibilitySchema,
          Devices: z.optional(z.literal('unavailable')),
          VerifiedName: z.optional(z.literal('unavailable')),
        }),
      )
      .check(
        z.describe(
          'Additive: tells a value that is not set from one hidden by the contact’s privacy settings (both are "" in Status and PictureID), and says "unavailable" for a field WhatsApp could not answer this time (Status/PictureID "", Devices [], VerifiedName null; the rest of the profile is intact). Devices and VerifiedName appear only when unavailable. Present when the profile came from WhatsApp.',
        ),
      ),
  }),
  business_profile: z.nullable(businessProfileSchema),
});

export type ContactProfile = z.infer<typeof contactProfileSchema>;
export type BusinessProfile = z.infer<typeof businessProfileSchema>;
