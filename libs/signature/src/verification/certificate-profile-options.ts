import {
  AGENCY_CODE_SUBJECT_ATTRIBUTE_OID,
  DEV_ORGANIZATION_POLICY_OID,
  DEV_PERSON_POLICY_OID,
} from '@docaxis/signature/pki/certificate-profile';

/**
 * How a signer certificate says who it belongs to. The dedicated government CA's profile is not
 * public here: the defaults are the development PKI's, and deployments configure the real OIDs.
 */
export interface CertificateProfileOptions {
  /** certificatePolicies OIDs of organization ("seal") certificates. */
  organizationPolicyOids: readonly string[];
  /** certificatePolicies OIDs of personal (leader) certificates. */
  personPolicyOids: readonly string[];
  /** Subject attribute carrying the agency code; organizationalUnitName (2.5.4.11) by default. */
  agencyCodeAttributeOid: string;
}

export const DEFAULT_CERTIFICATE_PROFILE: CertificateProfileOptions = {
  organizationPolicyOids: [DEV_ORGANIZATION_POLICY_OID],
  personPolicyOids: [DEV_PERSON_POLICY_OID],
  agencyCodeAttributeOid: AGENCY_CODE_SUBJECT_ATTRIBUTE_OID,
};
