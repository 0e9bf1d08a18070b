import type { PDFContext } from 'pdf-lib';
import { verifyCmsSignature } from '@docaxis/signature/cms/cms-signature-verifier';
import { signedLength, signedSlices, type ByteRange } from '@docaxis/signature/pdf/byte-range';
import type { SignatureContentsMasks } from '@docaxis/signature/pdf/contents-masking';
import { coverageDetail } from '@docaxis/signature/report/coverage-detail';
import { coverageDetailEn } from '@docaxis/signature/report/wording/coverage-detail.en';
import { crossReferenceConflicts } from '@docaxis/signature/pdf/cross-reference-consistency';
import {
  analyzeModifications,
  type DocMdpPermission,
} from '@docaxis/signature/pdf/modification-analyzer';
import type { ExtractedSignature } from '@docaxis/signature/pdf/pdf-signature-extractor';
import { loadPdfObjectGraph } from '@docaxis/signature/pdf/pdf-object-graph-loader';
import type { PdfLimits } from '@docaxis/signature/pdf/pdf-limits';
import { revisionEndingAt } from '@docaxis/signature/pdf/revision-boundaries';
import type { SharedPrefixDigester } from '@docaxis/signature/pdf/shared-prefix-digester';
import type {
  CoverageSummary,
  SignatureReport,
} from '@docaxis/signature/report/document-verification-report';
import { verdictOf } from '@docaxis/signature/report/indication-aggregation';
import {
  defect,
  note,
  reportMessageOf,
  type ValidationFinding,
} from '@docaxis/signature/report/validation-finding';
import type { RevocationChecker } from '@docaxis/signature/revocation/revocation-checker';
import type { CertificatePathBuilder } from '@docaxis/signature/trust/certificate-path-builder';
import {
  SignatureTimestampValidator,
  type SignatureTimestampResult,
} from '@docaxis/signature/timestamp/signature-timestamp-validator';
import type { TrustStore } from '@docaxis/signature/trust/trust-store';
import type { CertificateProfileOptions } from './certificate-profile-options';
import { validateDocumentSignerCertificate } from './document-signer-certificate';
import { SignerCertificateValidator } from './signer-certificate-validator';
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
  /** The signature /Contents gaps every parse of the file reads as markers. */
  masks: SignatureContentsMasks;
  context: PDFContext;
  revisionEnds: readonly number[];
  validationTime: Date;
  /** Hashes the bytes every signature starts with once (see SharedPrefixDigester). */
  digester: SharedPrefixDigester;
}

/**
 * Validates one signature of a PDF: coverage and later modifications, the CMS (hash and
 * signature value), the signer's certificate path at the signing time, revocation of every
 * certificate below the trust anchor, and who signed. Every finding is kept; the verdict is the
 * most severe one (see verdictOf).
 *
 * The signing time is the genTime of a valid RFC 3161 signature timestamp when the signature
 * carries one (proof of existence), else the signed signingTime attribute, which is only asserted
 * by the signer: a signer holding a revoked key could backdate it, which is why revocation is
 * checked against data current at validation time and a signing time in the future is refused.
 */
export class SignatureValidator {
  private readonly certificates: SignerCertificateValidator;
  private readonly timestamps: SignatureTimestampValidator;

  constructor(private readonly deps: SignatureValidatorDependencies) {
    this.certificates = new SignerCertificateValidator(deps);
    this.timestamps = new SignatureTimestampValidator(
      deps.trustStore.certificateCache,
      this.certificates,
    );
  }

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
    report.messages = findings.map(reportMessageOf);
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
    const explanations = [
      revision === undefined
        ? coverageDetail('SIGNED_RANGE_NOT_AT_REVISION_END', { signedLength: length })
        : coverageDetail('SIGNS_REVISION', {
            revision,
            revisions: document.revisionEnds.length,
            signedLength: length,
            fileLength: document.bytes.length,
          }),
    ];
    if (revision === undefined) {
      findings.push(note('SIGNED_RANGE_NOT_AT_REVISION_END', coverageDetailEn(explanations[0])));
    }
    if (coversWholeFile) {
      return {
        byteRange: [...byteRange],
        coversWholeFile,
        modificationsAfterSigning: 'none',
        details: explanations.map(coverageDetailEn),
        explanations,
      };
    }
    let analysis;
    try {
      const signedContext = await loadPdfObjectGraph(
        document.bytes.subarray(0, length),
        this.deps.limits,
        { alreadyPrescanned: true, masks: document.masks },
      );
      const compared = analyzeModifications(signedContext, document.context, docMdp);
      const conflicts = crossReferenceConflicts({
        bytes: document.bytes,
        masks: document.masks,
        signedLength: length,
        revisionEnds: document.revisionEnds,
        signed: signedContext,
        final: document.context,
      });
      const conflictTexts = conflicts.map(coverageDetailEn);
      analysis =
        conflicts.length === 0
          ? compared
          : {
              status: 'disallowed' as const,
              disallowed: [...conflictTexts, ...compared.disallowed],
              details: [...conflictTexts, ...compared.details],
              explanations: [...conflicts, ...compared.explanations],
            };
    } catch (error) {
      const unreadable = coverageDetail('SIGNED_REVISION_UNREADABLE', {
        detail: error instanceof Error ? error.message : String(error),
      });
      analysis = {
        status: 'disallowed' as const,
        disallowed: ['the signed revision cannot be read for comparison'],
        details: [coverageDetailEn(unreadable)],
        explanations: [unreadable],
      };
    }
    explanations.push(...analysis.explanations);
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
      details: explanations.map(coverageDetailEn),
      explanations,
    };
  }

  private async validateCms(
    cms: Buffer,
    byteRange: ByteRange,
    document: DocumentUnderValidation,
    report: SignatureReport,
    findings: ValidationFinding[],
  ): Promise<void> {
    const [a, b, c, d] = byteRange;
    const result = verifyCmsSignature({
      cms,
      signedContent: signedSlices(document.bytes, byteRange),
      certificateCache: this.deps.trustStore.certificateCache,
      contentDigest: (algorithm) =>
        document.digester.digest(algorithm, [
          [a, a + b],
          [c, c + d],
        ]),
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
    }
    const proven = await this.provenSigningTime(result, validationTime, findings);
    if (proven) {
      if (
        result.signingTime &&
        result.signingTime.getTime() > proven.getTime() + this.deps.clockSkewMs
      ) {
        findings.push(
          note(
            'SIGNING_TIME_AFTER_TIMESTAMP',
            `the claimed signing time ${result.signingTime.toISOString()} is after the timestamp ${proven.toISOString()}; the timestamp is used`,
          ),
        );
      }
      report.signingTime = proven.toISOString();
      report.signingTimeSource = 'timestamp';
      signingTime = proven;
    } else if (!result.signingTime) {
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

    const certificate = await validateDocumentSignerCertificate(this.certificates, {
      signer,
      offered: result.certificates,
      // None stated: judged at the validation time (SIGNING_TIME_MISSING), and worded so.
      signingTime: report.signingTimeSource === 'none' ? undefined : signingTime,
      signingTimeProven: report.signingTimeSource === 'timestamp',
      validationTime,
      findings,
    });
    report.chain = certificate.chain;
    report.weakAlgorithm ||= certificate.weakAlgorithm;
    report.revocation = certificate.revocation;
  }

  /** The genTime of a valid signature timestamp, if the signature carries one. */
  private async provenSigningTime(
    result: ReturnType<typeof verifyCmsSignature>,
    validationTime: Date,
    findings: ValidationFinding[],
  ): Promise<Date | undefined> {
    if (!result.timestampToken || !result.signatureValue) return undefined;
    let timestamp: SignatureTimestampResult;
    try {
      timestamp = await this.timestamps.validate(
        result.timestampToken,
        result.signatureValue,
        validationTime,
      );
    } catch (error) {
      // A hostile token must not decide anything: the signature is judged without it.
      timestamp = {
        valid: false,
        reason: `the signature timestamp is not used: it cannot be read (${error instanceof Error ? error.message : String(error)})`,
      };
    }
    if (!timestamp.valid) {
      findings.push(note('SIGNATURE_TIMESTAMP_INVALID', timestamp.reason));
      return undefined;
    }
    if (timestamp.genTime.getTime() > validationTime.getTime() + this.deps.clockSkewMs) {
      findings.push(
        note(
          'SIGNATURE_TIMESTAMP_INVALID',
          `the signature timestamp is not used: its time ${timestamp.genTime.toISOString()} is after the validation time`,
        ),
      );
      return undefined;
    }
    findings.push(
      note(
        'SIGNATURE_TIMESTAMP_VALID',
        `timestamped at ${timestamp.genTime.toISOString()} by "${timestamp.authority}": the signature existed then`,
      ),
    );
    return timestamp.genTime;
  }
}
