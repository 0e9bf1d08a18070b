import { OID } from '@docaxis/signature/cms/object-identifiers';
import type { SignerIdentity } from '@docaxis/signature/report/document-verification-report';
import { note, type ValidationFinding } from '@docaxis/signature/report/validation-finding';
import { nameAttributeValues } from '@docaxis/signature/trust/distinguished-name';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';
import type { CertificateProfileOptions } from './certificate-profile-options';

/**
 * Shape of an agency code (QĐ 20/2020: up to 35 characters of A–Z, 0–9 and dots, in groups).
 * Used only to pick the code among several values of the configured attribute (an OU may also
 * name a department); the axis checks the code itself against its directory.
 */
const AGENCY_CODE_SHAPE = /^(?=.{1,35}$)[A-Z0-9]+(\.[A-Z0-9]+)+$/;

export const UNKNOWN_SIGNER: SignerIdentity = {
  subject: '',
  kind: 'unknown',
  serialNumber: '',
  issuer: '',
  fingerprintSha256: '',
};

/** Who a certificate belongs to: organization or person (by policy OID), names, agency code. */
export function identifySigner(
  certificate: ParsedCertificate,
  profile: CertificateProfileOptions,
): { identity: SignerIdentity; findings: ValidationFinding[] } {
  const findings: ValidationFinding[] = [];
  const isOrganization = certificate.policyOids.some((oid) =>
    profile.organizationPolicyOids.includes(oid),
  );
  const isPerson = certificate.policyOids.some((oid) => profile.personPolicyOids.includes(oid));
  let kind: SignerIdentity['kind'] = 'unknown';
  if (isOrganization && isPerson) {
    findings.push(
      note(
        'SIGNER_KIND_AMBIGUOUS',
        'the signer certificate carries both the organization and the person policy',
      ),
    );
  } else if (isOrganization) {
    kind = 'organization';
  } else if (isPerson) {
    kind = 'person';
  } else {
    findings.push(
      note(
        'SIGNER_KIND_UNKNOWN',
        `the signer certificate carries none of the configured policies (it has: ${certificate.policyOids.join(', ') || 'none'})`,
      ),
    );
  }
  const agencyCode = nameAttributeValues(certificate.subject, profile.agencyCodeAttributeOid)
    .map((value) => value.trim())
    .find((value) => AGENCY_CODE_SHAPE.test(value));
  const identity: SignerIdentity = {
    subject: certificate.subject.text,
    kind,
    serialNumber: certificate.serialNumber,
    issuer: certificate.issuer.text,
    fingerprintSha256: certificate.fingerprintSha256,
  };
  const commonName = nameAttributeValues(certificate.subject, OID.commonName)[0];
  const organization = nameAttributeValues(certificate.subject, OID.organization)[0];
  if (commonName !== undefined) identity.commonName = commonName;
  if (organization !== undefined) identity.organization = organization;
  if (agencyCode !== undefined) identity.agencyCode = agencyCode;
  return { identity, findings };
}
