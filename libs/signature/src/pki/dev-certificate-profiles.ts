import type { KeyObject } from 'node:crypto';
import type { CertificateIssuer, CertificateSpec } from './certificate-builder';
import {
  AXIS_ORGANIZATIONAL_UNIT,
  DEV_ISSUING_CA_COMMON_NAME,
  DEV_ORGANIZATION_POLICY_OID,
  DEV_PERSON_POLICY_OID,
  DEV_PKI_COUNTRY,
  DEV_PKI_ORGANIZATION,
  DEV_ROOT_CA_COMMON_NAME,
} from './certificate-profile';
import type { DistinguishedName } from './x509-name';

/**
 * Certificate shapes of the development PKI, one function per role, so the generator and tests
 * that need one more ad-hoc certificate (say, a seal with another policy) start from the same
 * profile and change only what they test.
 */
export interface IssuanceContext {
  publicKey: KeyObject;
  issuer: CertificateIssuer;
  notBefore: Date;
  notAfter: Date;
  /** URL of the CRL that covers the certificate, written as its CRL distribution point. */
  crlUrl?: string;
  /** URL of the issuer's OCSP responder, written in authorityInfoAccess. */
  ocspUrl?: string;
}

export interface DevAgencyIdentity {
  code: string;
  name: string;
}

export const DEV_ROOT_CA_NAME: DistinguishedName = {
  country: DEV_PKI_COUNTRY,
  organization: DEV_PKI_ORGANIZATION,
  commonName: DEV_ROOT_CA_COMMON_NAME,
};

export const DEV_ISSUING_CA_NAME: DistinguishedName = {
  country: DEV_PKI_COUNTRY,
  organization: DEV_PKI_ORGANIZATION,
  commonName: DEV_ISSUING_CA_COMMON_NAME,
};

/** Self-signed root; the rogue root of the refusal tests uses the same name with another key. */
export function rootCaCertificateSpec(options: {
  publicKey: KeyObject;
  privateKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
}): CertificateSpec {
  return {
    subject: DEV_ROOT_CA_NAME,
    publicKey: options.publicKey,
    selfSigningKey: options.privateKey,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    ca: {},
    keyUsage: ['keyCertSign', 'cRLSign'],
  };
}

export function issuingCaCertificateSpec(context: IssuanceContext): CertificateSpec {
  return {
    ...common(context),
    subject: DEV_ISSUING_CA_NAME,
    ca: { pathLength: 0 },
    keyUsage: ['keyCertSign', 'cRLSign'],
  };
}

/** The agency's "seal": the organization signature every dispatch must carry. */
export function organizationCertificateSpec(
  agency: DevAgencyIdentity,
  context: IssuanceContext,
): CertificateSpec {
  return {
    ...common(context),
    subject: agencySubject(agency, agency.name),
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    extendedKeyUsage: ['emailProtection'],
    policyOids: [DEV_ORGANIZATION_POLICY_OID],
  };
}

/**
 * The issuing CA's delegated OCSP responder (RFC 6960 §4.2.2.2): ocspSigning only, and nocheck,
 * so clients do not ask for its own revocation status (it lives as briefly as its responses do
 * in a real PKI; here it is TEST only).
 */
export function ocspResponderCertificateSpec(context: IssuanceContext): CertificateSpec {
  return {
    ...common({ ...context, ocspUrl: undefined }),
    subject: {
      country: DEV_PKI_COUNTRY,
      organization: DEV_PKI_ORGANIZATION,
      commonName: 'TEST OCSP Responder of the Issuing CA (docaxis development only)',
    },
    keyUsage: ['digitalSignature'],
    extendedKeyUsage: ['ocspSigning'],
    ocspNoCheck: true,
  };
}

/** A TEST time-stamping authority (RFC 3161 §2.3: critical extendedKeyUsage, timeStamping only). */
export function timestampingAuthorityCertificateSpec(context: IssuanceContext): CertificateSpec {
  return {
    ...common(context),
    subject: {
      country: DEV_PKI_COUNTRY,
      organization: DEV_PKI_ORGANIZATION,
      commonName: 'TEST Time-Stamping Authority (docaxis development only)',
    },
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    extendedKeyUsage: ['timeStamping'],
    extendedKeyUsageCritical: true,
  };
}

/** A competent person (leader) of an agency, who signs before the agency does. */
export function leaderCertificateSpec(
  agency: DevAgencyIdentity,
  leader: { fullName: string; position: string },
  context: IssuanceContext,
): CertificateSpec {
  return {
    ...common(context),
    subject: { ...agencySubject(agency, leader.fullName), title: leader.position },
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    policyOids: [DEV_PERSON_POLICY_OID],
  };
}

/**
 * The agency's document-management system, authenticating to the gateway by mutual TLS; with
 * another common name, a person of the agency (clerk, the axis operator's auditor or admin).
 */
export function agencyClientCertificateSpec(
  agency: DevAgencyIdentity,
  context: IssuanceContext,
  commonName = `${agency.name} document system`,
): CertificateSpec {
  return {
    ...common(context),
    subject: agencySubject(agency, commonName),
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsage: ['clientAuth'],
  };
}

export function gatewayServerCertificateSpec(context: IssuanceContext): CertificateSpec {
  return {
    ...common(context),
    subject: {
      country: DEV_PKI_COUNTRY,
      organization: 'docaxis TEST axis',
      organizationalUnit: AXIS_ORGANIZATIONAL_UNIT,
      commonName: 'localhost',
    },
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsage: ['serverAuth'],
    subjectAltNames: { dns: ['localhost'], ip: ['127.0.0.1', '::1'] },
  };
}

/** The axis' own signature: audit checkpoints and the packets it emits. */
export function axisSigningCertificateSpec(context: IssuanceContext): CertificateSpec {
  return {
    ...common(context),
    subject: {
      country: DEV_PKI_COUNTRY,
      organization: 'docaxis TEST axis',
      organizationalUnit: AXIS_ORGANIZATIONAL_UNIT,
      commonName: 'docaxis axis signing (TEST, development only)',
    },
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    extendedKeyUsage: ['emailProtection'],
    policyOids: [DEV_ORGANIZATION_POLICY_OID],
  };
}

function agencySubject(agency: DevAgencyIdentity, commonName: string): DistinguishedName {
  return {
    country: DEV_PKI_COUNTRY,
    organization: agency.name,
    organizationalUnit: agency.code,
    commonName,
  };
}

function common(
  context: IssuanceContext,
): Pick<
  CertificateSpec,
  'publicKey' | 'issuer' | 'notBefore' | 'notAfter' | 'crlDistributionPoints' | 'ocspResponderUrls'
> {
  return {
    publicKey: context.publicKey,
    issuer: context.issuer,
    notBefore: context.notBefore,
    notAfter: context.notAfter,
    crlDistributionPoints: context.crlUrl ? [context.crlUrl] : undefined,
    ocspResponderUrls: context.ocspUrl ? [context.ocspUrl] : undefined,
  };
}
