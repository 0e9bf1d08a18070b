/**
 * Profile of the docaxis development PKI. The dedicated government CA's real profile (policy
 * OIDs, where the agency code sits in the subject) is not public here, so these values only
 * shape TEST certificates; the verifier reads the agency-code attribute from its configuration.
 */

/**
 * Policy arc under the UUID-based OID root (ITU-T X.667, `2.25.<uuid as decimal>`), from UUID
 * 9abf56ea-7f58-4022-b3b0-f98f418d042a picked once for docaxis: nothing registered is squatted.
 */
export const DEV_POLICY_ARC = '2.25.205694602916884423476776305016154424362';

/** certificatePolicies OID of a TEST agency "seal" (organization) certificate. */
export const DEV_ORGANIZATION_POLICY_OID = `${DEV_POLICY_ARC}.1`;

/** certificatePolicies OID of a TEST personal (leader) certificate. */
export const DEV_PERSON_POLICY_OID = `${DEV_POLICY_ARC}.2`;

/** Subject attribute carrying the agency code in TEST certificates: organizationalUnitName. */
export const AGENCY_CODE_SUBJECT_ATTRIBUTE_OID = '2.5.4.11';

/** Every development CA name says TEST and "development only", so nobody mistakes it. */
export const DEV_PKI_ORGANIZATION = 'docaxis TEST PKI';
export const DEV_PKI_COUNTRY = 'VN';
export const DEV_ROOT_CA_COMMON_NAME =
  'TEST Dedicated Government Root CA (docaxis development only)';
export const DEV_ISSUING_CA_COMMON_NAME =
  'TEST Issuing CA for State Agencies (docaxis development only)';

/** OU of the axis' own certificates (not an agency code, so it can never match a sender). */
export const AXIS_ORGANIZATIONAL_UNIT = 'AXIS';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Validity periods of the development PKI, in milliseconds. */
export const DEV_VALIDITY = {
  /** Certificates start an hour in the past, so small clock skews between processes do no harm. */
  backdate: 60 * 60 * 1000,
  rootCa: 20 * 365 * DAY_MS,
  issuingCa: 10 * 365 * DAY_MS,
  endEntity: 2 * 365 * DAY_MS,
  crlLifetime: 7 * DAY_MS,
  day: DAY_MS,
} as const;
