import type {
  ChainCertificateSummary,
  RevocationSummary,
} from '@docaxis/signature/report/document-verification-report';
import { defect, note, type ValidationFinding } from '@docaxis/signature/report/validation-finding';
import type {
  RevocationChecker,
  RevocationOutcome,
} from '@docaxis/signature/revocation/revocation-checker';
import type {
  CertificatePath,
  CertificatePathBuilder,
} from '@docaxis/signature/trust/certificate-path-builder';
import { chooseCertificatePath } from '@docaxis/signature/trust/certificate-path-validator';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';
import type { TrustStore } from '@docaxis/signature/trust/trust-store';

export interface SignerCertificateValidatorDependencies {
  trustStore: TrustStore;
  pathBuilder: CertificatePathBuilder;
  revocation: RevocationChecker;
}

export interface SignerCertificateCheck {
  signer: ParsedCertificate;
  /** Certificates the signature carried (CMS certificates, XML KeyInfo), offered for path building. */
  offered: readonly ParsedCertificate[];
  signingTime: Date;
  validationTime: Date;
  /** Findings are appended here, beside the caller's own. */
  findings: ValidationFinding[];
}

export interface SignerCertificateResult {
  /** Signer first, trust anchor last; empty when no path was found. */
  chain: ChainCertificateSummary[];
  revocation: RevocationSummary;
  /** A certificate of the path is signed with SHA-1. */
  weakAlgorithm: boolean;
}

/**
 * The signer certificate's side of any signature (PDF/CMS or XML): a path to a trust anchor whose
 * links verify, RFC 5280 checks at the signing time (validity, CA flags, key usage), and the
 * revocation of every certificate below the anchor through the configured CRL sources.
 */
export class SignerCertificateValidator {
  constructor(private readonly deps: SignerCertificateValidatorDependencies) {}

  async validate(check: SignerCertificateCheck): Promise<SignerCertificateResult> {
    const { signer, findings, signingTime, validationTime } = check;
    const path = chooseCertificatePath(
      this.deps.pathBuilder.buildPaths(signer, check.offered),
      signingTime,
      (certificate) => this.deps.trustStore.isAnchor(certificate),
    );
    if (!path) {
      findings.push(
        defect(
          'NO_CERTIFICATE_CHAIN_FOUND',
          'CHAIN_NOT_FOUND',
          `no path from "${signer.subject.text}" to a trust anchor whose signatures verify`,
        ),
      );
      return { chain: [], revocation: { status: 'unknown', source: 'none' }, weakAlgorithm: false };
    }
    findings.push(...path.validation.findings);
    return {
      chain: path.certificates.map(summarise),
      weakAlgorithm: path.validation.weakAlgorithm,
      revocation: await this.checkRevocation(
        path.certificates,
        signingTime,
        validationTime,
        findings,
      ),
    };
  }

  /** Every certificate below the anchor; the summary reports the worst status of the chain. */
  private async checkRevocation(
    path: CertificatePath,
    signingTime: Date,
    validationTime: Date,
    findings: ValidationFinding[],
  ): Promise<RevocationSummary> {
    let summary: RevocationSummary | undefined;
    let severity = 0;
    for (let i = 0; i + 1 < path.length; i += 1) {
      const certificate = path[i];
      const who = i === 0 ? 'signer certificate' : `CA certificate "${certificate.subject.text}"`;
      let outcome: RevocationOutcome;
      try {
        outcome = await this.deps.revocation.check({
          certificate,
          issuer: path[i + 1],
          validationTime,
        });
      } catch (error) {
        outcome = {
          status: 'unknown',
          source: 'none',
          note: `revocation check failed: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
      const [entrySeverity, entry] = this.judgeRevocation(
        outcome,
        who,
        certificate,
        signingTime,
        findings,
      );
      if (!summary || entrySeverity > severity) {
        summary = entry;
        severity = entrySeverity;
      }
    }
    return (
      summary ?? {
        status: 'good',
        source: 'none',
        note: 'the signer certificate is itself a trust anchor',
      }
    );
  }

  private judgeRevocation(
    outcome: RevocationOutcome,
    who: string,
    certificate: ParsedCertificate,
    signingTime: Date,
    findings: ValidationFinding[],
  ): [number, RevocationSummary] {
    if (outcome.status === 'unknown') {
      findings.push(
        defect(
          'TRY_LATER',
          'REVOCATION_UNKNOWN',
          `revocation status of the ${who} is unknown: ${outcome.note}`,
        ),
      );
      return [1, { status: 'unknown', source: 'none', note: `${who}: ${outcome.note}` }];
    }
    if (outcome.status === 'good') {
      return [0, { status: 'good', source: outcome.source }];
    }
    const revokedAt = outcome.revokedAt.toISOString();
    const entry: RevocationSummary = { status: 'revoked', source: outcome.source, revokedAt };
    if (outcome.reason) entry.reason = outcome.reason;
    if (outcome.revokedAt.getTime() <= signingTime.getTime()) {
      findings.push(
        defect(
          'REVOKED',
          'CERTIFICATE_REVOKED',
          `the ${who} (serial ${certificate.serialNumber}) was revoked at ${revokedAt}${outcome.reason ? ` (${outcome.reason})` : ''}, before the signing time`,
        ),
      );
      entry.note = `${who} revoked before the signing time`;
      return [3, entry];
    }
    entry.note = `${who} revoked at ${revokedAt}, after the signing time ${signingTime.toISOString()}`;
    findings.push(
      note(
        'CERTIFICATE_REVOKED_AFTER_SIGNING',
        `the ${who} was revoked after the signature was made (${revokedAt}); the signature stays valid`,
      ),
    );
    return [2, entry];
  }
}

function summarise(certificate: ParsedCertificate): ChainCertificateSummary {
  return {
    subject: certificate.subject.text,
    issuer: certificate.issuer.text,
    serialNumber: certificate.serialNumber,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
    fingerprintSha256: certificate.fingerprintSha256,
  };
}
