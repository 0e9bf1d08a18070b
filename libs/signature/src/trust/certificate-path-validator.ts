import { OID } from '@docaxis/signature/cms/object-identifiers';
import { defect, note, type ValidationFinding } from '@docaxis/signature/report/validation-finding';
import type { CertificatePath } from './certificate-path-builder';
import type { ParsedCertificate } from './parsed-certificate';

/** Extensions whose semantics we either enforce or may safely ignore when marked critical. */
const UNDERSTOOD_EXTENSIONS: ReadonlySet<string> = new Set([
  OID.basicConstraints,
  OID.keyUsage,
  OID.extKeyUsage,
  OID.certificatePolicies,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.subjectAltName,
  OID.issuerAltName,
  OID.crlDistributionPoints,
  OID.freshestCrl,
  OID.authorityInfoAccess,
  OID.qcStatements,
]);

const SHA1_CERTIFICATE_SIGNATURES: ReadonlySet<string> = new Set([
  OID.sha1WithRsa,
  OID.ecdsaWithSha1,
]);

/**
 * The instant a path is judged at: a signing time (a signature's, claimed or proven, or a
 * timestamp token's genTime), or the validation time for a signature that states none, which the
 * validity findings then name as such.
 */
export interface PathValidationTime {
  at: Date;
  is: 'signing-time' | 'validation-time';
}

export interface PathValidation {
  findings: ValidationFinding[];
  /** A certificate of the path (anchor excluded) is signed with SHA-1. */
  weakAlgorithm: boolean;
}

/**
 * RFC 5280 §6.1 checks we rely on, at `time` (the signing time, else the validation time): every
 * certificate inside its validity period; every issuer a CA (basicConstraints cA, keyCertSign
 * when keyUsage is present) within its pathLenConstraint; the signer's keyUsage allowing
 * signatures; no critical extension we do not understand. Signatures of the links were proven while building the path.
 *
 * A signer key usage without digitalSignature or nonRepudiation is reported as
 * CHAIN_CONSTRAINTS_FAILURE: ETSI EN 319 102-1 checks key usage inside X.509 certificate
 * validation (§5.2.6), whose constraint failures carry that sub-indication, not in signature
 * acceptance (SIG_CONSTRAINTS_FAILURE is kept for the signed attributes).
 */
export function validateCertificatePath(
  path: CertificatePath,
  time: PathValidationTime,
  isAnchor: (certificate: ParsedCertificate) => boolean,
): PathValidation {
  const findings: ValidationFinding[] = [];
  let weakAlgorithm = false;
  const at = time.at.getTime();
  path.forEach((certificate, index) => {
    const who = `${roleOf(index)} "${certificate.subject.text}"`;
    if (at < certificate.notBefore.getTime()) {
      findings.push(
        validityDefect(
          time,
          'NOT_YET_VALID',
          'CERTIFICATE_NOT_YET_VALID',
          `${who} is not valid before ${certificate.notBefore.toISOString()}`,
        ),
      );
    }
    if (at > certificate.notAfter.getTime()) {
      findings.push(
        validityDefect(
          time,
          'EXPIRED',
          'CERTIFICATE_EXPIRED',
          `${who} expired at ${certificate.notAfter.toISOString()}`,
        ),
      );
    }
    const anchor = isAnchor(certificate);
    if (!anchor) {
      for (const [oid, extension] of certificate.extensions) {
        if (extension.critical && !UNDERSTOOD_EXTENSIONS.has(oid)) {
          findings.push(
            defect(
              'CHAIN_CONSTRAINTS_FAILURE',
              'UNKNOWN_CRITICAL_EXTENSION',
              `${who} has critical extension ${oid}, which is not supported`,
            ),
          );
        }
      }
      if (SHA1_CERTIFICATE_SIGNATURES.has(certificate.signatureAlgorithmOid)) {
        weakAlgorithm = true;
        findings.push(note('WEAK_ALGORITHM', `${who} is signed with SHA-1`));
      }
    }
    if (index > 0) checkIssuer(path, index, anchor, who, findings);
  });
  checkSignerKeyUsage(path[0], findings);
  return { findings, weakAlgorithm };
}

/** A path and its validation at one time. */
export interface ValidatedCertificatePath {
  certificates: CertificatePath;
  validation: PathValidation;
}

/**
 * Of the paths built for one certificate, the first without defects at `time`, else the first
 * found (its defects say why); undefined when there is none.
 */
export function chooseCertificatePath(
  paths: readonly CertificatePath[],
  time: PathValidationTime,
  isAnchor: (certificate: ParsedCertificate) => boolean,
): ValidatedCertificatePath | undefined {
  let first: ValidatedCertificatePath | undefined;
  for (const certificates of paths) {
    const validation = validateCertificatePath(certificates, time, isAnchor);
    if (!validation.findings.some((finding) => finding.subIndication)) {
      return { certificates, validation };
    }
    first ??= { certificates, validation };
  }
  return first;
}

/**
 * A certificate outside its validity period at `time`, which the text names: a signing time, or
 * the validation time when the signature states none (never "signing time" then: there is none).
 */
function validityDefect(
  time: PathValidationTime,
  subIndication: 'NOT_YET_VALID' | 'EXPIRED',
  code: 'CERTIFICATE_NOT_YET_VALID' | 'CERTIFICATE_EXPIRED',
  text: string,
): ValidationFinding {
  const at = time.at.toISOString();
  if (time.is === 'signing-time') {
    return defect(subIndication, code, `${text} (signing time ${at})`);
  }
  return {
    ...defect(
      subIndication,
      code,
      `${text} (at the time of validation, ${at}: the signature states no signing time)`,
    ),
    judgedAt: 'validation-time',
  };
}

function checkIssuer(
  path: CertificatePath,
  index: number,
  anchor: boolean,
  who: string,
  findings: ValidationFinding[],
): void {
  const issuer = path[index];
  // A v1 trust anchor has no extensions at all; it is trusted by configuration, not by profile.
  const isCa = issuer.basicConstraints?.ca ?? (anchor && issuer.version < 3);
  if (!isCa) {
    findings.push(
      defect(
        'CHAIN_CONSTRAINTS_FAILURE',
        'ISSUER_NOT_CA',
        `${who} issues certificates but is not a CA (basicConstraints)`,
      ),
    );
  }
  if (issuer.keyUsage && !issuer.keyUsage.has('keyCertSign')) {
    findings.push(
      defect(
        'CHAIN_CONSTRAINTS_FAILURE',
        'ISSUER_KEY_USAGE',
        `${who} lacks the keyCertSign key usage`,
      ),
    );
  }
  const pathLength = issuer.basicConstraints?.pathLength;
  if (pathLength !== undefined) {
    // Intermediates below this issuer (the signer excluded); self-issued ones do not count.
    const below = path.slice(1, index).filter((certificate) => !certificate.selfIssued).length;
    if (below > pathLength) {
      findings.push(
        defect(
          'CHAIN_CONSTRAINTS_FAILURE',
          'PATH_LENGTH_EXCEEDED',
          `${who} allows ${pathLength} intermediate(s) below it, the path has ${below}`,
        ),
      );
    }
  }
}

function checkSignerKeyUsage(signer: ParsedCertificate, findings: ValidationFinding[]): void {
  if (
    signer.keyUsage &&
    !signer.keyUsage.has('digitalSignature') &&
    !signer.keyUsage.has('nonRepudiation')
  ) {
    findings.push(
      defect(
        'CHAIN_CONSTRAINTS_FAILURE',
        'SIGNER_KEY_USAGE',
        `signer certificate key usage (${[...signer.keyUsage].join(', ')}) allows neither digitalSignature nor nonRepudiation`,
      ),
    );
  }
}

function roleOf(index: number): string {
  return index === 0 ? 'signer certificate' : 'CA certificate';
}
