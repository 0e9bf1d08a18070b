import { z } from 'zod';
import { CERTIFICATE_ROLES } from '@docaxis/persistence/agency/certificate-role';
import { bodyIssues } from '../../http/body-issues';
import { DirectoryRequestInvalidError } from '../directory.errors';

/** Visible text without control characters: names end up in logs, reports and edXML packets. */
const agencyName = z
  .string()
  .trim()
  .min(1)
  .max(250)
  .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'must not contain control or format characters');
const code = z.string().max(64);
const pem = z.string().max(16 * 1024);
const roles = z
  .array(z.enum(CERTIFICATE_ROLES))
  .min(1)
  .max(CERTIFICATE_ROLES.length)
  .refine((list) => new Set(list).size === list.length, 'roles must not repeat');

export const registerAgencyRequest = z.strictObject({
  code,
  name: agencyName,
  parentCode: code.nullish(),
});

export const updateAgencyRequest = z
  .strictObject({ name: agencyName.optional(), parentCode: code.nullable().optional() })
  .refine((body) => body.name !== undefined || body.parentCode !== undefined, 'nothing to change');

export const registerCertificateRequest = z.strictObject({ certificatePem: pem, roles });

export const rotateCertificateRequest = z.strictObject({
  certificatePem: pem,
  roles: roles.optional(),
});

/** Parses a request body, or throws DIRECTORY_REQUEST_INVALID listing every issue. */
export function parseDirectoryRequest<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  throw new DirectoryRequestInvalidError(bodyIssues(result.error));
}
