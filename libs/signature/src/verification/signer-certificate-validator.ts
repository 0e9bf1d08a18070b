import type {
  ChainCertificateSummary,
  RevocationSummary,
} from '@docaxis/signature/report/document-verification-report';
import type { RevokedCertificateRef } from '@docaxis/signature/report/revocation-explanation';
import { defect, note, type ValidationFinding } from '@docaxis/signature/report/validation-finding';
import { chainRevocationOutcomes } from '@docaxis/signature/revocation/chain-revocation-outcomes';
import type {
  RevocationChecker,
  RevocationOutcome,
} from '@docaxis/signature/revocation/revocation-checker';
import {
  describeReason,
  invalidFrom,
  judgeRevocationTiming,
  voidingRevocation,
} from '@docaxis/signature/revocation/revocation-time-rule';
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
  /**
   * Undefined when the signature states none (an XML signature, a CMS one without signingTime):
   * its certificates are then judged at the validation time, and the findings say so.
   */
  signingTime: Date | undefined;
  /**
   * The signing time is a third party's proof of existence (a trusted signature timestamp), not
   * the signer's own claim: only then can it save a signature from a compromise revocation.
   */
  signingTimeProven?: boolean;
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
    const { signer, findings, validationTime } = check;
    const signingTime = check.signingTime ?? validationTime;
    const path = chooseCertificatePath(
      this.deps.pathBuilder.buildPaths(signer, check.offered),
      { at: signingTime, is: check.signingTime ? 'signing-time' : 'validation-time' },
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
        { at: signingTime, proven: check.signingTimeProven === true },
        validationTime,
        findings,
      ),
    };
  }

  /** Every certificate below the anchor; the summary reports the worst status of the chain. */
  private async checkRevocation(
    path: CertificatePath,
    signingTime: SigningInstant,
    validationTime: Date,
    findings: ValidationFinding[],
  ): Promise<RevocationSummary> {
    let summary: RevocationSummary | undefined;
    let severity = 0;
    for await (const { certificate, position, outcome } of chainRevocationOutcomes(
      path,
      this.deps.revocation,
      validationTime,
    )) {
      const who =
        position === 0 ? 'signer certificate' : `CA certificate "${certificate.subject.text}"`;
      const about: RevokedCertificateRef = {
        role: position === 0 ? 'signer' : 'ca',
        subject: certificate.subject.text,
        serialNumber: certificate.serialNumber,
      };
      const [entrySeverity, entry] = this.judgeRevocation(
        outcome,
        who,
        about,
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
        explanation: { kind: 'signer-is-trust-anchor' },
      }
    );
  }

  /**
   * One certificate's revocation as a finding, and its rank for the chain's summary (the worst
   * wins): good 0, unknown 1, revoked after the signing time 2, on hold 3, revoked before it 4, a
   * compromise the signing time cannot survive 5.
   */
  private judgeRevocation(
    outcome: RevocationOutcome,
    who: string,
    about: RevokedCertificateRef,
    certificate: ParsedCertificate,
    signingTime: SigningInstant,
    findings: ValidationFinding[],
  ): [number, RevocationSummary] {
    if (outcome.status === 'unknown') {
      const explanation = {
        kind: 'status-unknown',
        certificate: about,
        detail: outcome.note,
      } as const;
      findings.push({
        ...defect(
          'TRY_LATER',
          'REVOCATION_UNKNOWN',
          `revocation status of the ${who} is unknown: ${outcome.note}`,
        ),
        explanation,
      });
      return [
        1,
        { status: 'unknown', source: 'none', note: `${who}: ${outcome.note}`, explanation },
      ];
    }
    if (outcome.status === 'good') {
      // A hold released, or a delta CRL that could not be had: said in the report.
      const note = outcome.note
        ? {
            note: `${who}: ${outcome.note}`,
            explanation: {
              kind: 'good-with-remark',
              certificate: about,
              detail: outcome.note,
            } as const,
          }
        : {};
      return [0, { status: 'good', source: outcome.source, ...note }];
    }
    const revokedAt = outcome.revokedAt.toISOString();
    const entry: RevocationSummary = { status: 'revoked', source: outcome.source, revokedAt };
    if (outcome.reason) entry.reason = outcome.reason;
    if (outcome.invalidityDate) entry.invalidityDate = outcome.invalidityDate.toISOString();
    // What the source adds (a delta CRL that could not be had) follows the judgement's own note.
    const sourceNote = outcome.note ? `; ${outcome.note}` : '';
    const detail = outcome.note ? { detail: outcome.note } : {};
    const reason = outcome.reason ?? null;
    const revoked = `the ${who} (serial ${certificate.serialNumber}) was revoked at ${revokedAt}${describeReason(outcome.reason)}`;
    const timing = judgeRevocationTiming(outcome, signingTime.at, signingTime.proven);
    if (timing.kind === 'on-hold') {
      // Suspended, not revoked: the CA will release it or revoke it, and only then can the
      // signature be judged (ETSI EN 319 102-1: INDETERMINATE / TRY_LATER).
      entry.explanation = { kind: 'on-hold', certificate: about, since: revokedAt, ...detail };
      findings.push({
        ...defect(
          'TRY_LATER',
          'CERTIFICATE_ON_HOLD',
          `the ${who} (serial ${certificate.serialNumber}) is on hold (certificateHold) since ${revokedAt}: suspended by its CA, neither valid nor revoked until the CA releases it (removeFromCRL) or revokes it; verify again later`,
        ),
        explanation: entry.explanation,
      });
      entry.note = `${who} on hold since ${revokedAt}: undecided until its CA releases or revokes it${sourceNote}`;
      return [3, entry];
    }
    if (timing.kind === 'compromised') {
      // Whoever holds a compromised key also chooses the signingTime: "revoked after it" proves
      // nothing without a third party's proof of existence (ETSI EN 319 102-1 REVOKED_NO_POE).
      entry.explanation = {
        kind: 'revoked-compromise',
        certificate: about,
        revokedAt,
        reason,
        claimedSigningTime: signingTime.at.toISOString(),
        ...detail,
      };
      findings.push({
        ...defect(
          'REVOKED_NO_POE',
          'CERTIFICATE_REVOKED_KEY_COMPROMISE',
          `${revoked}: a ${voidingRevocation(outcome.reason)} voids any time the key's holder claims, and no signature timestamp proves the signature existed before it`,
        ),
        explanation: entry.explanation,
      });
      entry.note = `${who} revoked${describeReason(outcome.reason)}: the claimed signing time ${signingTime.at.toISOString()} proves nothing${sourceNote}`;
      return [5, entry];
    }
    if (timing.kind === 'before') {
      const earlier = timing.effectiveAt.getTime() !== outcome.revokedAt.getTime();
      entry.explanation = {
        kind: 'revoked-before-signing',
        certificate: about,
        revokedAt,
        reason,
        ...(earlier ? { invalidFrom: timing.effectiveAt.toISOString() } : {}),
        ...detail,
      };
      findings.push({
        ...defect(
          'REVOKED',
          'CERTIFICATE_REVOKED',
          `${revoked}${invalidFrom(timing.effectiveAt, outcome.revokedAt)}, before the signing time`,
        ),
        explanation: entry.explanation,
      });
      entry.note = `${who} revoked before the signing time${sourceNote}`;
      return [4, entry];
    }
    entry.note = `${who} revoked at ${revokedAt}, after the signing time ${signingTime.at.toISOString()}${sourceNote}`;
    entry.explanation = {
      kind: 'revoked-after-signing',
      certificate: about,
      revokedAt,
      reason,
      signingTime: signingTime.at.toISOString(),
      ...detail,
    };
    findings.push({
      ...note(
        'CERTIFICATE_REVOKED_AFTER_SIGNING',
        `the ${who} was revoked after the signature was made (${revokedAt}${describeReason(outcome.reason)}); the signature stays valid`,
      ),
      explanation: entry.explanation,
    });
    return [2, entry];
  }
}

/** The time a signature is judged at, and whether a third party proves it. */
interface SigningInstant {
  at: Date;
  proven: boolean;
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
