import { createHash } from 'node:crypto';
import { SharedPrefixDigester } from '@docaxis/signature/pdf/shared-prefix-digester';
import {
  extractPdfSignatures,
  type ExtractedPdf,
} from '@docaxis/signature/pdf/pdf-signature-extractor';
import { DEFAULT_PDF_LIMITS, type PdfLimits } from '@docaxis/signature/pdf/pdf-limits';
import { PdfStructureError } from '@docaxis/signature/pdf/pdf-structure-error';
import type {
  DocumentVerificationReport,
  ReportMessage,
  SignatureReport,
} from '@docaxis/signature/report/document-verification-report';
import { documentVerdictOf } from '@docaxis/signature/report/indication-aggregation';
import type { RevocationChecker } from '@docaxis/signature/revocation/revocation-checker';
import { CertificatePathBuilder } from '@docaxis/signature/trust/certificate-path-builder';
import type { TrustStore } from '@docaxis/signature/trust/trust-store';
import {
  DEFAULT_CERTIFICATE_PROFILE,
  type CertificateProfileOptions,
} from './certificate-profile-options';
import { SignatureValidator } from './signature-validator';
import { loadTrustConfiguration, type TrustConfiguration } from './trust-configuration';
import { UNKNOWN_SIGNER } from './signer-identification';
import type { PdfVerifier } from './pdf-verifier';

export interface PdfSignatureVerifierDependencies {
  trustStore: TrustStore;
  revocation: RevocationChecker;
  profile?: Partial<CertificateProfileOptions>;
  limits?: Partial<PdfLimits>;
  /** Tolerated clock difference for a claimed signing time after the validation time; 5 min. */
  clockSkewMs?: number;
}

export interface VerifyOptions {
  /** The instant to validate for (CRL freshness, default signing time); now by default. */
  validationTime?: Date;
}

/**
 * Verifies every signature embedded in a PDF and reports after ETSI EN 319 102-1. Never throws
 * for any input bytes: structural faults are FORMAT_FAILURE, an unsigned PDF is NO_SIGNATURE,
 * and an unexpected internal error fails the signature it happened in (never passes it).
 */
export class PdfSignatureVerifier implements PdfVerifier {
  private readonly validator: SignatureValidator;
  private readonly limits: PdfLimits;

  constructor(deps: PdfSignatureVerifierDependencies) {
    this.limits = { ...DEFAULT_PDF_LIMITS, ...deps.limits };
    this.validator = new SignatureValidator({
      trustStore: deps.trustStore,
      pathBuilder: new CertificatePathBuilder(deps.trustStore),
      revocation: deps.revocation,
      profile: { ...DEFAULT_CERTIFICATE_PROFILE, ...deps.profile },
      limits: this.limits,
      clockSkewMs: deps.clockSkewMs ?? 5 * 60 * 1000,
    });
  }

  async verify(pdf: Buffer, options: VerifyOptions = {}): Promise<DocumentVerificationReport> {
    const validationTime = options.validationTime ?? new Date();
    const base = {
      fileSha256: '',
      fileSize: pdf.length,
      validationTime: validationTime.toISOString(),
    };
    let extracted: ExtractedPdf;
    try {
      extracted = await extractPdfSignatures(pdf, this.limits);
    } catch (error) {
      base.fileSha256 = createHash('sha256').update(pdf).digest('hex');
      const message: ReportMessage =
        error instanceof PdfStructureError
          ? { code: error.reportCode, text: error.message }
          : {
              code: 'UNEXPECTED_VALIDATION_ERROR',
              text: `the PDF could not be examined: ${textOf(error)}`,
            };
      return {
        ...base,
        indication: 'TOTAL-FAILED',
        subIndication: 'FORMAT_FAILURE',
        messages: [message],
        signatures: [],
      };
    }

    const messages: ReportMessage[] = extracted.notes.map(({ code, text }) => ({ code, text }));
    if (extracted.signatures.length === 0) {
      messages.push({ code: 'PDF_NO_SIGNATURE', text: 'the PDF carries no signature' });
    }
    const digester = new SharedPrefixDigester(pdf, sharedPrefixLength(extracted.signatures));
    base.fileSha256 = digester.digest('sha256', [[0, pdf.length]]).toString('hex');
    const document = {
      digester,
      bytes: pdf,
      masks: extracted.masks,
      context: extracted.context,
      revisionEnds: extracted.revisionEnds,
      validationTime,
    };
    const signatures: SignatureReport[] = [];
    for (const [index, signature] of extracted.signatures.entries()) {
      try {
        signatures.push(await this.validator.validate(signature, index, document));
      } catch (error) {
        signatures.push(failedUnexpectedly(index, signature.fieldName, error));
      }
    }
    const verdict = documentVerdictOf(signatures);
    const report: DocumentVerificationReport = {
      ...base,
      indication: verdict.indication,
      messages,
      signatures,
    };
    if (verdict.subIndication) report.subIndication = verdict.subIndication;
    return report;
  }
}

/** Up to the first signature's /Contents: the bytes every signature and the file hash share. */
function sharedPrefixLength(signatures: ExtractedPdf['signatures']): number {
  const starts = signatures.flatMap(({ byteRange }) =>
    byteRange && byteRange[0] === 0 ? [byteRange[1]] : [],
  );
  return starts.length === 0 ? 0 : Math.min(...starts);
}

function failedUnexpectedly(index: number, fieldName: string, error: unknown): SignatureReport {
  return {
    index,
    fieldName,
    indication: 'TOTAL-FAILED',
    subIndication: 'FORMAT_FAILURE',
    messages: [
      {
        code: 'UNEXPECTED_VALIDATION_ERROR',
        text: `the signature could not be validated: ${textOf(error)}`,
      },
    ],
    signer: { ...UNKNOWN_SIGNER },
    chain: [],
    signingTimeSource: 'none',
    digestAlgorithm: '',
    signatureAlgorithm: '',
    weakAlgorithm: false,
    revocation: { status: 'unknown', source: 'none' },
    coverage: {
      byteRange: [0, 0, 0, 0],
      coversWholeFile: false,
      modificationsAfterSigning: 'none',
      details: [],
    },
  };
}

function textOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface PdfSignatureVerifierConfig extends TrustConfiguration {
  profile?: Partial<CertificateProfileOptions>;
  limits?: Partial<PdfLimits>;
  clockSkewMs?: number;
}

/** A verifier over a trust store and CRL folder read from disk (read once, at creation). */
export async function createPdfSignatureVerifier(
  config: PdfSignatureVerifierConfig,
): Promise<PdfSignatureVerifier> {
  return new PdfSignatureVerifier({
    ...(await loadTrustConfiguration(config)),
    profile: config.profile,
    limits: config.limits,
    clockSkewMs: config.clockSkewMs,
  });
}
