import type { PDFContext } from 'pdf-lib';
import { verifyCmsSignature } from '@docaxis/signature/cms/cms-signature-verifier';
import { signedLength, signedSlices, type ByteRange } from '@docaxis/signature/pdf/byte-range';
import { crossReferenceConflicts } from '@docaxis/signature/pdf/cross-reference-consistency';
import {
  analyzeModifications,
  type DocMdpPermission,
} from '@docaxis/signature/pdf/modification-analyzer';
import type { ExtractedSignature } from '@docaxis/signature/pdf/pdf-signature-extractor';
import { loadPdfObjectGraph } from '@docaxis/signature/pdf/pdf-object-graph-loader';
import type { PdfLimits } from '@docaxis/signature/pdf/pdf-limits';
import { revisionEndingAt } from '@docaxis/signature/pdf/revision-boundaries';
import type {
  ChainCertificateSummary,
  CoverageSummary,
  RevocationSummary,
  SignatureReport,
} from '@docaxis/signature/report/document-verification-report';
import { verdictOf } from '@docaxis/signature/report/indication-aggregation';
import { defect, note, type ValidationFinding } from '@docaxis/signature/report/validation-finding';
import type {
  RevocationChecker,
  RevocationOutcome,
} from '@docaxis/signature/revocation/revocation-checker';
import type {
  CertificatePath,
  CertificatePathBuilder,
} from '@docaxis/signature/trust/certificate-path-builder';
import { validateCertificatePath } from '@docaxis/signature/trust/certificate-path-validator';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';
import type { TrustStore } from '@docaxis/signature/trust/trust-store';
import type { CertificateProfileOptions } from './certificate-profile-options';
import { identifySigner, UNKNOWN_SIGNER } from './signer-identification';

export interface SignatureValidatorDependencies {
  trustStore: TrustStore;
  pathBuilder: CertificatePathBuilder;
  revocation: RevocationChecker;
  profile: CertificateProfileOptions;
  limits: PdfLimits;
  /** How far a claimed signing time may lie after the validation time (clock skew). */
  clockSkewMs: number;
}

/** The document a signature belongs to, shared by all its signatures. */
export interface DocumentUnderValidation {
  bytes: Buffer;
  /** The file with signature /Contents masked (same offsets), for cross-reference reads. */
  maskedBytes: Buffer;
  /** What pdf-lib parses for the revision ending at a length. */
  graphBytes: (length: number) => Buffer;
  context: PDFContext;
  revisionEnds: readonly number[];
  validationTime: Date;
}

/**
 * Validates one signature of a PDF: coverage and later modifications, the CMS (hash and
 * signature value), the signer's certificate path at the signing time, revocation of every
 * certificate below the trust anchor, and who signed. Every finding is kept; the verdict is the
 * most severe one (see verdictOf).
 *
 * The signing time is the signed signingTime attribute, as the axis' policy requires. It is
 * asserted by the signer, not proven by a timestamp: a signer holding a revoked key could
 * backdate it, which is why the revocation is checked against CRLs current at validation time
 * and why a signing time in the future is refused.
 */
export class SignatureValidator {
  constructor(private readonly deps: SignatureValidatorDependencies) {}

  async validate(
    signature: ExtractedSignature,
    index: number,
    document: DocumentUnderValidation,
  ): Promise<SignatureReport> {
    const findings: ValidationFinding[] = [...signature.findings];
    const report: SignatureReport = {
      index,
      fieldName: signature.fieldName,
      indication: 'TOTAL-PASSED',
      messages: [],
      signer: { ...UNKNOWN_SIGNER },
      chain: [],
      signingTimeSource: 'none',
      digestAlgorithm: '',
      signatureAlgorithm: '',
      weakAlgorithm: false,
      revocation: { status: 'unknown', source: 'none' },
      coverage: {
        byteRange: signature.byteRange ? [...signature.byteRange] : [0, 0, 0, 0],
        coversWholeFile: false,
        modificationsAfterSigning: 'none',
        details: [],
      },
    };

    if (signature.byteRange && signature.cms) {
      report.coverage = await this.coverage(
        signature.byteRange,
        signature.docMdp,
        document,
        findings,
      );
      await this.validateCms(signature.cms, signature.byteRange, document, report, findings);
    }
    const verdict = verdictOf(findings);
    report.indication = verdict.indication;
    if (verdict.subIndication) report.subIndication = verdict.subIndication;
    report.messages = findings.map(({ code, text }) => ({ code, text }));
    return report;
  }

  private async coverage(
    byteRange: ByteRange,
    docMdp: DocMdpPermission | undefined,
    document: DocumentUnderValidation,
    findings: ValidationFinding[],
  ): Promise<CoverageSummary> {
    const length = signedLength(byteRange);
    const coversWholeFile = length === document.bytes.length;
    const revision = revisionEndingAt(document.bytes, document.revisionEnds, length);
    const details = [
      revision === undefined
        ? `signed bytes end at ${length}, not at the end of a revision`
        : `signs revision ${revision} of ${document.revisionEnds.length} (bytes 0–${length} of ${document.bytes.length})`,
    ];
    if (revision === undefined) {
      findings.push(note('SIGNED_RANGE_NOT_AT_REVISION_END', details[0]));
    }
    if (coversWholeFile) {
      return {
        byteRange: [...byteRange],
        coversWholeFile,
        modificationsAfterSigning: 'none',
        details,
      };
    }
    let analysis;
    try {
      const signedContext = await loadPdfObjectGraph(
        document.graphBytes(length),
        this.deps.limits,
        {
          alreadyPrescanned: true,
        },
      );
      const compared = analyzeModifications(signedContext, document.context, docMdp);
      const conflicts = crossReferenceConflicts({
        bytes: document.maskedBytes,
        signedLength: length,
        revisionEnds: document.revisionEnds,
        signed: signedContext,
        final: document.context,
      });
      analysis =
        conflicts.length === 0
          ? compared
          : {
              status: 'disallowed' as const,
              disallowed: [...conflicts, ...compared.disallowed],
              details: [...conflicts, ...compared.details],
            };
    } catch (error) {
      analysis = {
        status: 'disallowed' as const,
        disallowed: ['the signed revision cannot be read for comparison'],
        details: [
          `the signed revision cannot be read for comparison: ${error instanceof Error ? error.message : String(error)}`,
        ],
      };
    }
    details.push(...analysis.details);
    if (analysis.status === 'disallowed') {
      // ETSI EN 319 102-1 has no sub-indication for "changed after signing"; as EU DSS does for
      // PAdES, the failed PDF format check is reported as FORMAT_FAILURE, with its own code.
      findings.push(
        defect(
          'FORMAT_FAILURE',
          'MODIFICATIONS_DISALLOWED',
          `the document was changed after this signature in ways no signature permits: ${analysis.disallowed.join('; ')}`,
        ),
      );
    } else if (analysis.status === 'allowed') {
      findings.push(
        note(
          'MODIFICATIONS_ALLOWED',
          `later revisions made permitted changes: ${analysis.details.join('; ')}`,
        ),
      );
    }
    return {
      byteRange: [...byteRange],
      coversWholeFile,
      modificationsAfterSigning: analysis.status,
      details,
    };
  }

  private async validateCms(
    cms: Buffer,
    byteRange: ByteRange,
    document: DocumentUnderValidation,
    report: SignatureReport,
    findings: ValidationFinding[],
  ): Promise<void> {
    const result = verifyCmsSignature({
      cms,
      signedContent: signedSlices(document.bytes, byteRange),
      certificateCache: this.deps.trustStore.certificateCache,
    });
    findings.push(...result.findings);
    report.digestAlgorithm = result.digestAlgorithm?.name ?? '';
    report.signatureAlgorithm = result.signatureAlgorithm?.displayName ?? '';
    report.weakAlgorithm = result.weakAlgorithm;

    const validationTime = document.validationTime;
    let signingTime = validationTime;
    if (result.signingTime) {
      report.signingTime = result.signingTime.toISOString();
      report.signingTimeSource = 'signed-attribute';
      signingTime = result.signingTime;
      if (result.signingTime.getTime() > validationTime.getTime() + this.deps.clockSkewMs) {
        findings.push(
          defect(
            'SIG_CONSTRAINTS_FAILURE',
            'SIGNING_TIME_IN_FUTURE',
            `the claimed signing time ${report.signingTime} is after the validation time ${validationTime.toISOString()}`,
          ),
        );
      }
    } else {
      findings.push(
        note(
          'SIGNING_TIME_MISSING',
          'no signingTime attribute: certificates are checked at the validation time',
        ),
      );
    }

    const signer = result.signerCertificate;
    if (!signer) return;
    const identified = identifySigner(signer, this.deps.profile);
    report.signer = identified.identity;
    findings.push(...identified.findings);

    const path = this.choosePath(
      this.deps.pathBuilder.buildPaths(signer, result.certificates),
      signingTime,
    );
    if (!path) {
      findings.push(
        defect(
          'NO_CERTIFICATE_CHAIN_FOUND',
          'CHAIN_NOT_FOUND',
          `no path from "${signer.subject.text}" to a trust anchor whose signatures verify`,
        ),
      );
      return;
    }
    report.chain = path.certificates.map(summarise);
    findings.push(...path.validation.findings);
    report.weakAlgorithm ||= path.validation.weakAlgorithm;
    report.revocation = await this.checkRevocation(
      path.certificates,
      signingTime,
      validationTime,
      findings,
    );
  }

  /** The first path without defects at the signing time, else the first path found. */
  private choosePath(
    paths: readonly CertificatePath[],
    at: Date,
  ):
    | { certificates: CertificatePath; validation: ReturnType<typeof validateCertificatePath> }
    | undefined {
    let first:
      | { certificates: CertificatePath; validation: ReturnType<typeof validateCertificatePath> }
      | undefined;
    for (const certificates of paths) {
      const validation = validateCertificatePath(certificates, at, (c) =>
        this.deps.trustStore.isAnchor(c),
      );
      if (!validation.findings.some((finding) => finding.subIndication))
        return { certificates, validation };
      first ??= { certificates, validation };
    }
    return first;
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
