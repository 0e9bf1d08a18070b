import { z } from 'zod';
import { commaSeparatedList } from '@docaxis/config/comma-separated-list';
import {
  DEV_ORGANIZATION_POLICY_OID,
  DEV_PERSON_POLICY_OID,
} from '@docaxis/signature/pki/certificate-profile';

function oidList(fallback: string) {
  return commaSeparatedList(fallback).pipe(
    z.array(z.string().regex(/^\d+(\.\d+)+$/, 'must be dotted OIDs, comma-separated')).min(1),
  );
}

/**
 * Environment of every app that verifies signatures: which certificatePolicies OIDs mark
 * organization ("seal") and personal (leader) certificates. The defaults are the TEST PKI's: the
 * dedicated CA's real profile is not public, so a deployment sets its own.
 */
export const certificateProfileEnv = {
  ORGANIZATION_CERTIFICATE_POLICY_OIDS: oidList(DEV_ORGANIZATION_POLICY_OID),
  PERSON_CERTIFICATE_POLICY_OIDS: oidList(DEV_PERSON_POLICY_OID),
};
