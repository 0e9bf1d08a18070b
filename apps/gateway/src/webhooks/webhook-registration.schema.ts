import { z } from 'zod';

/** The body of `POST /api/v1/webhooks`. */
export const webhookRegistrationSchema = z.strictObject({
  /** Where notifications are POSTed; HTTPS only, no credentials in the URL. */
  url: z
    .url({ protocol: /^https$/, error: 'must be an https:// URL' })
    .max(2048)
    .refine((value) => {
      const url = new URL(value);
      return url.username === '' && url.password === '';
    }, 'must not carry a user name or password'),
  /** The HMAC-SHA256 key, chosen by the agency: 32 to 256 printable ASCII characters. */
  secret: z
    .string()
    .min(32, 'must have at least 32 characters')
    .max(256)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces only'),
});

export type WebhookRegistration = z.output<typeof webhookRegistrationSchema>;
