import { createHash } from 'node:crypto';
import { defect, note, type ValidationFinding } from '@docaxis/signature/report/validation-finding';
import type { CertificateCache } from '@docaxis/signature/trust/certificate-cache';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';
import { Asn1DecodingError } from './asn1-decoding-error';
import type { Asn1Node } from './asn1-reader';
import {
  parseDigestAlgorithm,
  type DigestAlgorithm,
  type DigestAlgorithmName,
} from './digest-algorithm';
import { OID } from './object-identifiers';
import { judgeSignerKeyStrength } from './public-key-strength';
import {
  parseSignatureAlgorithm,
  verifySignature,
  type SignatureAlgorithm,
} from './signature-algorithm';
import {
  readContentType,
  readMessageDigest,
  readSigningCertificateReferences,
  readSigningTime,
  type SigningCertificateReference,
} from './signed-attributes';
import {
  parseSignedData,
  type SignedData,
  type SignerIdentifier,
  type SignerInfo,
} from './signed-data';
import { UnsupportedAlgorithmError } from './unsupported-algorithm-error';

export interface CmsVerificationInput {
  /** The DER SignedData from the signature's /Contents (padding already stripped). */
  cms: Buffer;
  /** The signed bytes, in order: for a PDF the two /ByteRange slices (views, not copies). */
  signedContent: readonly Buffer[];
  certificateCache: CertificateCache;
  /**
   * Set to verify an encapsulating SignedData instead (an RFC 3161 timestamp token: id-ct-TSTInfo):
   * the eContent of this type is the signed content, and `signedContent` is ignored.
   */
  encapsulatedContentType?: string;
  /**
   * The digest of `signedContent` with an algorithm, when the caller can compute it more cheaply
   * than hashing the slices again (a PDF's signatures share their first bytes).
   */
  contentDigest?: (algorithm: DigestAlgorithmName) => Buffer;
}

/** What the cryptographic part of validation established; the path and revocation come later. */
export interface CmsVerificationResult {
  signerCertificate?: ParsedCertificate;
  /** Every readable certificate of the CMS certificates set (path-building candidates). */
  certificates: ParsedCertificate[];
  digestAlgorithm?: DigestAlgorithm;
  signatureAlgorithm?: SignatureAlgorithm;
  signingTime?: Date;
  /** The SignerInfo's signature value (what a signature timestamp's imprint covers). */
  signatureValue?: Buffer;
  /** DER of the signatureTimeStampToken unsigned attribute, when present. */
  timestampToken?: Buffer;
  /** The encapsulated content, in the encapsulatedContentType mode. */
  encapsulatedContent?: Buffer;
  weakAlgorithm: boolean;
  findings: ValidationFinding[];
}

/**
 * RFC 5652 §5.4 verification of a detached SignedData over `signedContent`, by hand because
 * node-forge cannot verify CMS (its p7.verify throws): digest the content with node:crypto, compare with
 * messageDigest, verify the signature over the DER SET of signed attributes, check the ESS
 * signing-certificate reference. Never throws for hostile input; faults become findings.
 */
export function verifyCmsSignature(input: CmsVerificationInput): CmsVerificationResult {
  const result: CmsVerificationResult = { certificates: [], weakAlgorithm: false, findings: [] };
  let signedData: SignedData;
  try {
    signedData = parseSignedData(input.cms);
  } catch (error) {
    result.findings.push(
      defect('FORMAT_FAILURE', 'CMS_MALFORMED', `CMS SignedData unreadable: ${messageOf(error)}`),
    );
    return result;
  }
  try {
    verifyParsed(signedData, input, result);
  } catch (error) {
    if (!(error instanceof Asn1DecodingError)) throw error;
    result.findings.push(
      defect('FORMAT_FAILURE', 'CMS_MALFORMED', `CMS SignedData malformed: ${error.message}`),
    );
  }
  return result;
}

function verifyParsed(
  signedData: SignedData,
  input: CmsVerificationInput,
  result: CmsVerificationResult,
): void {
  const { findings } = result;
  const bytes = signedData.bytes;
  for (const der of signedData.certificates) {
    try {
      result.certificates.push(input.certificateCache.parse(der));
    } catch (error) {
      findings.push(
        note(
          'CMS_CERTIFICATE_UNREADABLE',
          `a certificate in the CMS is unreadable: ${messageOf(error)}`,
        ),
      );
    }
  }
  if (signedData.signerInfos.length !== 1) {
    findings.push(
      defect(
        'FORMAT_FAILURE',
        'CMS_SIGNER_COUNT',
        `a PDF signature holds exactly one SignerInfo, found ${signedData.signerInfos.length}`,
      ),
    );
    return;
  }
  const expectedType = input.encapsulatedContentType ?? OID.data;
  if (signedData.encapsulatedContentType !== expectedType) {
    findings.push(
      defect(
        'FORMAT_FAILURE',
        'CMS_CONTENT_TYPE_NOT_DATA',
        `encapsulated content type is ${signedData.encapsulatedContentType}, expected ${expectedType}`,
      ),
    );
    return;
  }
  let signedContent = input.signedContent;
  if (input.encapsulatedContentType) {
    if (!signedData.encapsulatedContent) {
      findings.push(
        defect('FORMAT_FAILURE', 'CMS_MALFORMED', 'the encapsulated content is missing'),
      );
      return;
    }
    result.encapsulatedContent = signedData.encapsulatedContent;
    signedContent = [signedData.encapsulatedContent];
  } else if (signedData.hasEncapsulatedContent) {
    findings.push(
      defect(
        'FORMAT_FAILURE',
        'CMS_NOT_DETACHED',
        'the CMS encapsulates its content; only detached signatures over the byte range are accepted',
      ),
    );
    return;
  }
  const signerInfo = signedData.signerInfos[0];

  let digestAlgorithm: DigestAlgorithm;
  let signatureAlgorithm: SignatureAlgorithm;
  try {
    digestAlgorithm = parseDigestAlgorithm(bytes, signerInfo.digestAlgorithm);
    result.digestAlgorithm = digestAlgorithm;
    signatureAlgorithm = parseSignatureAlgorithm(
      bytes,
      signerInfo.signatureAlgorithm,
      digestAlgorithm.name,
    );
    result.signatureAlgorithm = signatureAlgorithm;
  } catch (error) {
    if (!(error instanceof UnsupportedAlgorithmError)) throw error;
    findings.push(defect('CRYPTO_CONSTRAINTS_FAILURE', 'ALGORITHM_UNSUPPORTED', error.message));
    return;
  }
  if (digestAlgorithm.weak || signatureAlgorithm.hash === 'sha1') {
    result.weakAlgorithm = true;
    findings.push(
      note(
        'WEAK_ALGORITHM',
        `SHA-1 is used (${signatureAlgorithm.displayName}); accepted but weak`,
      ),
    );
  }

  const candidates = result.certificates.filter((certificate) =>
    identifies(signerInfo.signerId, certificate),
  );
  if (candidates.length === 0) {
    findings.push(
      defect(
        'NO_SIGNING_CERTIFICATE_FOUND',
        'SIGNER_CERTIFICATE_NOT_FOUND',
        'the CMS does not contain the certificate its SignerInfo names',
      ),
    );
    return;
  }

  result.signatureValue = signerInfo.signature;
  const signedBytes = checkSignedAttributes(
    bytes,
    signerInfo,
    digestAlgorithm,
    signedContent,
    expectedType,
    result,
    input.encapsulatedContentType ? undefined : input.contentDigest,
  );
  if (!signedBytes) return;

  // Several certificates may carry the same issuer and serial (one of them forged); the signer is
  // the one whose key verifies the signature.
  const signer = candidates.find((certificate) =>
    verifySignature(signatureAlgorithm, signedBytes, certificate.publicKey, signerInfo.signature),
  );
  result.signerCertificate = signer ?? candidates[0];
  if (!signer) {
    findings.push(
      defect(
        'SIG_CRYPTO_FAILURE',
        'SIGNATURE_INVALID',
        'the signature value does not verify with the signer certificate key',
      ),
    );
  }

  if (judgeSignerKeyStrength(result.signerCertificate.publicKey, findings)) {
    result.weakAlgorithm = true;
  }

  if (signerInfo.signedAttributes) {
    checkSigningCertificateReference(
      bytes,
      signerInfo.signedAttributes,
      result.signerCertificate,
      findings,
    );
    result.signingTime = readSigningTime(bytes, signerInfo.signedAttributes);
  }
  const [token] = signerInfo.unsignedAttributes.get(OID.signatureTimeStampToken) ?? [];
  if (token) result.timestampToken = bytes.subarray(token.start, token.end);
}

/**
 * Checks contentType and messageDigest and returns the bytes the signature value covers: the
 * re-tagged signed attributes, or the content itself when there are none.
 */
function checkSignedAttributes(
  bytes: Buffer,
  signerInfo: SignerInfo,
  digestAlgorithm: DigestAlgorithm,
  signedContent: readonly Buffer[],
  expectedType: string,
  result: CmsVerificationResult,
  contentDigest?: (algorithm: DigestAlgorithmName) => Buffer,
): readonly Buffer[] | undefined {
  const attributes = signerInfo.signedAttributes;
  if (!attributes || !signerInfo.signedAttributesDer) {
    result.findings.push(
      note(
        'CMS_NO_SIGNED_ATTRIBUTES',
        'the signature has no signed attributes; it signs the byte range directly',
      ),
    );
    return signedContent;
  }
  const contentType = readContentType(bytes, attributes);
  if (contentType !== expectedType) {
    result.findings.push(
      defect(
        'FORMAT_FAILURE',
        'CONTENT_TYPE_ATTRIBUTE_INVALID',
        `contentType attribute is ${contentType ?? 'missing'}, expected ${expectedType === OID.data ? 'id-data' : expectedType}`,
      ),
    );
    return undefined;
  }
  const messageDigest = readMessageDigest(bytes, attributes);
  if (!messageDigest) {
    result.findings.push(
      defect(
        'FORMAT_FAILURE',
        'MESSAGE_DIGEST_ATTRIBUTE_INVALID',
        'messageDigest attribute is missing',
      ),
    );
    return undefined;
  }
  let digest: Buffer;
  if (contentDigest) {
    digest = contentDigest(digestAlgorithm.name);
  } else {
    const hash = createHash(digestAlgorithm.name);
    for (const chunk of signedContent) hash.update(chunk);
    digest = hash.digest();
  }
  if (!digest.equals(messageDigest)) {
    result.findings.push(
      defect(
        'HASH_FAILURE',
        'MESSAGE_DIGEST_MISMATCH',
        'the signed bytes do not match the messageDigest attribute: the document was changed after signing',
      ),
    );
  }
  return [signerInfo.signedAttributesDer];
}

function checkSigningCertificateReference(
  bytes: Buffer,
  attributes: ReadonlyMap<string, readonly Asn1Node[]>,
  signer: ParsedCertificate,
  findings: ValidationFinding[],
): void {
  let references;
  try {
    references = readSigningCertificateReferences(bytes, attributes);
  } catch (error) {
    if (!(error instanceof UnsupportedAlgorithmError)) throw error;
    findings.push(
      defect(
        'CRYPTO_CONSTRAINTS_FAILURE',
        'ALGORITHM_UNSUPPORTED',
        `signing-certificate attribute: ${error.message}`,
      ),
    );
    return;
  }
  if (references.length === 0) {
    findings.push(
      note(
        'SIGNING_CERTIFICATE_ATTRIBUTE_MISSING',
        'no signingCertificate(V2) attribute; the signer certificate is identified by issuer and serial only',
      ),
    );
    return;
  }
  const other = references.find((reference) => !namesCertificate(reference, signer));
  if (other) {
    findings.push(
      defect(
        'NO_SIGNING_CERTIFICATE_FOUND',
        'SIGNING_CERTIFICATE_ATTRIBUTE_MISMATCH',
        `the signingCertificate${other.version === 2 ? 'V2' : ''} attribute names another certificate than the one that verifies`,
      ),
    );
  }
}

/** Whether an ESS reference names `certificate`: its hash, and its issuer and serial if given. */
function namesCertificate(
  reference: SigningCertificateReference,
  certificate: ParsedCertificate,
): boolean {
  const actual = createHash(reference.hashAlgorithm).update(certificate.der).digest();
  const serialMatches =
    !reference.issuerSerial || reference.issuerSerial.serialNumber === certificate.serialNumber;
  const issuerMatches =
    !reference.issuerSerial ||
    reference.issuerSerial.issuers.length === 0 ||
    reference.issuerSerial.issuers.some(
      (issuer) => issuer.matchKey === certificate.issuer.matchKey,
    );
  return actual.equals(reference.certificateHash) && serialMatches && issuerMatches;
}

function identifies(signerId: SignerIdentifier, certificate: ParsedCertificate): boolean {
  if (signerId.kind === 'issuer-serial') {
    return (
      certificate.serialNumber === signerId.serialNumber &&
      certificate.issuer.matchKey === signerId.issuer.matchKey
    );
  }
  return certificate.subjectKeyIdentifier === signerId.keyIdentifier;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
