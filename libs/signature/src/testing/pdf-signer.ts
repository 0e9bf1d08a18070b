import { createHash } from 'node:crypto';
import { PDFHexString, PDFString } from 'pdf-lib';
import type { DigestAlgorithmName } from '@docaxis/signature/pki/algorithm-oids';
import {
  buildDetachedCmsSignature,
  type CmsSigner,
  type SignatureTimestamper,
} from './cms-signed-data-builder';
import { PdfFixtureError } from './pdf-fixture.errors';
import { PdfIncrementalUpdate } from './pdf-incremental-update';
import { addSignatureField } from './signature-field-writer';

export type PdfSigner = CmsSigner;

export interface SignPdfOptions {
  /** Name of the new signature field; `Signature<n>` (first free n) by default. */
  fieldName?: string;
  /** signingTime attribute and /M; defaults to now. */
  signingTime?: Date;
  reason?: string;
  location?: string;
  /** Signer name written as /Name (informative; verifiers use the certificate). */
  name?: string;
  digest?: DigestAlgorithmName;
  /** RSA keys: PKCS#1 v1.5 (default) or PSS. Ignored for EC keys. */
  rsaPadding?: 'pkcs1' | 'pss';
  /** SignerInfo label of a PKCS#1 v1.5 signature; `rsaEncryption` by default. */
  rsaSignatureAlgorithm?: 'rsaEncryption' | 'hash-with-rsa';
  includeSigningCertificateV2?: boolean;
  includeSigningTime?: boolean;
  /** Bytes reserved for the CMS in /Contents (written as twice as many hex digits). */
  contentsReservedBytes?: number;
  /** `ETSI.CAdES.detached` (default, PAdES) or `adbe.pkcs7.detached` (older signers). */
  subFilter?: 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached';
  /** Page whose /Annots gets the (invisible) signature widget; 0 by default. */
  pageIndex?: number;
  /** Adds an RFC 3161 signature timestamp from this authority (unsigned attribute). */
  timestamp?: SignatureTimestamper;
  /**
   * Makes the detached CMS with another tool (e.g. `openssl cms -sign`) from the bytes the
   * /ByteRange covers, instead of docaxis' own builder; `signer` is then not used for the CMS.
   */
  externalCms?: (signedBytes: Buffer) => Buffer;
}

/** /ByteRange placeholder: four fixed-width numbers, patched in place once offsets are known. */
const BYTE_RANGE_PLACEHOLDER = `[0 ${'0'.repeat(10)} ${'0'.repeat(10)} ${'0'.repeat(10)}]`;

/**
 * Adds one signature to a PDF, as an incremental update appended to the input (async because
 * pdf-lib's loader is). The input bytes are kept verbatim, so earlier signatures stay valid —
 * sign with the leader first, then with the agency, as dispatches are signed.
 *
 * The update holds: the signature dictionary (/Filter /Adobe.PPKLite, /SubFilter
 * /ETSI.CAdES.detached, /ByteRange covering the whole file except the /Contents hex string,
 * /Contents = detached CMS SignedData, /M), an invisible signature field merged with its widget,
 * the AcroForm with /SigFlags 3, and the page's /Annots.
 */
export async function signPdf(
  pdf: Buffer,
  signer: PdfSigner,
  options: SignPdfOptions = {},
): Promise<Buffer> {
  const signingTime = options.signingTime ?? new Date();
  const digest = options.digest ?? 'sha256';
  const reserved =
    options.contentsReservedBytes ?? defaultReservedBytes(signer, options.timestamp !== undefined);

  const update = await PdfIncrementalUpdate.open(pdf);
  const { doc } = update;
  const pageIndex = options.pageIndex ?? 0;
  if (pageIndex < 0 || pageIndex >= doc.getPageCount()) {
    throw new PdfFixtureError(
      'PDF_PAGE_MISSING',
      `the PDF has ${doc.getPageCount()} page(s), no page index ${pageIndex}`,
    );
  }
  const signatureRef = update.allocate();
  update.setRaw(
    signatureRef,
    [
      '<< /Type /Sig /Filter /Adobe.PPKLite',
      `/SubFilter /${options.subFilter ?? 'ETSI.CAdES.detached'}`,
      `/ByteRange ${BYTE_RANGE_PLACEHOLDER}`,
      `/Contents <${'0'.repeat(reserved * 2)}>`,
      `/M ${PDFString.fromDate(signingTime).toString()}`,
      options.name ? `/Name ${PDFHexString.fromText(options.name).toString()}` : '',
      options.reason ? `/Reason ${PDFHexString.fromText(options.reason).toString()}` : '',
      options.location ? `/Location ${PDFHexString.fromText(options.location).toString()}` : '',
      '>>',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  addSignatureField(update, signatureRef, { pageIndex, fieldName: options.fieldName });

  const { pdf: unsigned, bodyOffsets } = update.build();
  return fillSignature(unsigned, bodyOffsets.get(signatureRef.objectNumber)!, reserved, signer, {
    digest,
    signingTime,
    options,
  });
}

/** Patches /ByteRange, digests the covered bytes and writes the CMS into /Contents. */
function fillSignature(
  pdf: Buffer,
  signatureBodyOffset: number,
  reserved: number,
  signer: PdfSigner,
  settings: { digest: DigestAlgorithmName; signingTime: Date; options: SignPdfOptions },
): Buffer {
  const byteRangeAt = pdf.indexOf(
    `/ByteRange ${BYTE_RANGE_PLACEHOLDER}`,
    signatureBodyOffset,
    'latin1',
  );
  const contentsStart =
    pdf.indexOf('/Contents <', signatureBodyOffset, 'latin1') + '/Contents '.length;
  const contentsEnd = contentsStart + reserved * 2 + 2; // after the closing '>'
  const byteRange = [0, contentsStart, contentsEnd, pdf.length - contentsEnd];

  const arrayAt = byteRangeAt + '/ByteRange '.length;
  const written = `[${byteRange.join(' ')}]`;
  pdf.write(written.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' '), arrayAt, 'latin1');

  const external = settings.options.externalCms;
  const contentDigest = createHash(settings.digest)
    .update(pdf.subarray(0, contentsStart))
    .update(pdf.subarray(contentsEnd))
    .digest();
  const cms = external
    ? external(Buffer.concat([pdf.subarray(0, contentsStart), pdf.subarray(contentsEnd)]))
    : buildDetachedCmsSignature(contentDigest, signer, {
        digest: settings.digest,
        rsaPadding: settings.options.rsaPadding ?? 'pkcs1',
        rsaSignatureAlgorithm: settings.options.rsaSignatureAlgorithm ?? 'rsaEncryption',
        signingTime: settings.signingTime,
        includeSigningTime: settings.options.includeSigningTime ?? true,
        includeSigningCertificateV2: settings.options.includeSigningCertificateV2 ?? true,
        timestamp: settings.options.timestamp,
      });
  if (cms.length > reserved) {
    throw new PdfFixtureError(
      'PDF_SIGNATURE_CONTENTS_OVERFLOW',
      `the CMS signature needs ${cms.length} bytes, only ${reserved} were reserved (contentsReservedBytes)`,
      { needed: cms.length, reserved },
    );
  }
  pdf.write(cms.toString('hex'), contentsStart + 1, 'latin1');
  return pdf;
}

/** Room for the certificates plus signature, attributes and framing, with margin. */
function defaultReservedBytes(signer: PdfSigner, timestamped: boolean): number {
  const certificates = [signer.certPem, ...(signer.chainPems ?? [])].join('').length;
  // PEM is ~4/3 of DER: the PEM length over-counts, which is the margin we want. A timestamp
  // token carries the TSA's certificates too.
  return Math.max(8192, certificates + 4096) + (timestamped ? 8192 : 0);
}
