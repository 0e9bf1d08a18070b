/**
 * `manifest.json` of a generated development PKI: every file by path relative to the PKI folder,
 * with enough metadata (serials, fingerprints, validity) for tests to assert against.
 */

export const DEV_PKI_MANIFEST_FILE = 'manifest.json';
// A loader refuses any other version, so `npm start` (ensureDevPki) regenerates an older certs/dev.
// 2: clerk certificates per agency and the axis operator's auditor and admin certificates;
// 3: the TEST OCSP responder and TSA (expired-timestamping-authority came later, unbumped);
// 4: revoked-timestamping-authority; 5: superseded-organization and
// revoked-without-reason-organization; 6: held-organization. A new special certificate needs a
// new version.
export const DEV_PKI_FORMAT_VERSION = 6;

/** Sub-folders, relative to the PKI folder (the config defaults point at these under certs/dev). */
export const DEV_PKI_DIRECTORIES = {
  trust: 'trust',
  intermediates: 'trust/intermediates',
  crl: 'crl',
  private: 'private',
  agencies: 'agencies',
  server: 'server',
  axis: 'axis',
  operators: 'operators',
  special: 'special',
} as const;

/**
 * Certificates made for refusal tests (all belong to agency 000.00.00.G22 except the rogue root),
 * plus the TEST OCSP responder and TEST time-stamping authority the revocation and timestamp
 * tests run against.
 */
export const DEV_PKI_SPECIAL_NAMES = [
  'expired-organization',
  'not-yet-valid-organization',
  'revoked-organization',
  'superseded-organization',
  'revoked-without-reason-organization',
  'held-organization',
  'wrong-key-usage-organization',
  'ecdsa-p256-organization',
  'ecdsa-p384-organization',
  'rogue-root-ca',
  'rogue-organization',
  'expired-client',
  'revoked-client',
  'ocsp-responder',
  'timestamping-authority',
  'expired-timestamping-authority',
  'revoked-timestamping-authority',
] as const;

export type DevPkiSpecialName = (typeof DEV_PKI_SPECIAL_NAMES)[number];

/** The agency every special certificate is issued for. */
export const DEV_PKI_SPECIAL_AGENCY_CODE = '000.00.00.G22';

/**
 * The agency that operates the axis (Văn phòng Chính phủ runs the national axis): its auditor and
 * admin client certificates act for the axis, not for an agency's document system.
 */
export const DEV_PKI_OPERATOR_AGENCY_CODE = '000.00.00.G22';

/** TLS client certificates of the axis operator's staff, one per role. */
export const DEV_PKI_OPERATOR_NAMES = ['auditor', 'admin'] as const;
export type DevPkiOperatorName = (typeof DEV_PKI_OPERATOR_NAMES)[number];

export const DEV_PKI_CRL_NAMES = ['root-ca', 'issuing-ca'] as const;
export type DevPkiCrlName = (typeof DEV_PKI_CRL_NAMES)[number];

export type DevPkiKeyAlgorithmLabel = 'rsa-2048' | 'ec-p256' | 'ec-p384';

export interface DevPkiCertificateEntry {
  certPath: string;
  keyPath: string;
  /** `CN=..., OU=..., O=..., C=VN` */
  subject: string;
  issuer: string;
  serialNumberHex: string;
  sha256Fingerprint: string;
  notBefore: string;
  notAfter: string;
  keyAlgorithm: DevPkiKeyAlgorithmLabel;
}

export interface DevPkiAgencyEntry {
  code: string;
  name: string;
  parentCode: string | null;
  organization: DevPkiCertificateEntry;
  leader: DevPkiCertificateEntry & { fullName: string; position: string };
  client: DevPkiCertificateEntry;
  /** The agency clerk's (văn thư) TLS client certificate, for the console and verification. */
  clerk: DevPkiCertificateEntry;
}

export interface DevPkiSpecialEntry extends DevPkiCertificateEntry {
  description: string;
  /** The agency named in the subject, or null for the rogue root. */
  agencyCode: string | null;
}

export interface DevPkiCrlEntry {
  derPath: string;
  pemPath: string;
  crlNumber: number;
  thisUpdate: string;
  nextUpdate: string;
  revoked: { serialNumberHex: string; revocationDate: string; reason: string; holder: string }[];
}

export interface DevPkiFileEntry {
  path: string;
  description: string;
}

export interface DevPkiManifest {
  formatVersion: typeof DEV_PKI_FORMAT_VERSION;
  notice: string;
  generatedAt: string;
  crlBaseUrl: string | null;
  /** OCSP responder URL written in end-entity certificates' authorityInfoAccess, if any. */
  ocspUrl: string | null;
  policyOids: { organization: string; person: string };
  agencyCodeSubjectAttributeOid: string;
  directories: typeof DEV_PKI_DIRECTORIES;
  root: DevPkiCertificateEntry;
  issuing: DevPkiCertificateEntry;
  crls: Record<DevPkiCrlName, DevPkiCrlEntry>;
  agencies: DevPkiAgencyEntry[];
  server: DevPkiCertificateEntry & { caBundlePath: string };
  axis: DevPkiCertificateEntry;
  special: Record<DevPkiSpecialName, DevPkiSpecialEntry>;
  /** Auditor and admin client certificates of the axis operator (agency DEV_PKI_OPERATOR_AGENCY_CODE). */
  operators: Record<DevPkiOperatorName, DevPkiCertificateEntry & { agencyCode: string }>;
  files: DevPkiFileEntry[];
}

export const DEV_PKI_NOTICE =
  'THIS IS A TEST PKI GENERATED FOR DOCAXIS DEVELOPMENT. ITS CERTIFICATES AND KEYS MUST NEVER BE ' +
  'TRUSTED IN PRODUCTION OR USED TO SIGN REAL DOCUMENTS.';
