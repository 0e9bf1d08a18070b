import type { CertificateProfileOptions } from '@docaxis/signature/verification/certificate-profile-options';
import type { TrustConfiguration } from '@docaxis/signature/verification/trust-configuration';
import type { GatewayConfig } from './gateway.config';

/** Trust store, revocation and certificate profile: the same for PDF and XML signatures. */
export function signatureTrustSettings(
  config: GatewayConfig,
): TrustConfiguration & { profile: Partial<CertificateProfileOptions> } {
  return {
    trustAnchorsDir: config.TRUST_ANCHORS_DIR,
    intermediatesDir: config.TRUST_INTERMEDIATES_DIR,
    crlDir: config.CRL_DIR,
    onlineRevocation: config.REVOCATION_ONLINE,
    profile: {
      agencyCodeAttributeOid: config.AGENCY_CODE_SUBJECT_OID,
      organizationPolicyOids: config.ORGANIZATION_CERTIFICATE_POLICY_OIDS,
      personPolicyOids: config.PERSON_CERTIFICATE_POLICY_OIDS,
    },
  };
}
