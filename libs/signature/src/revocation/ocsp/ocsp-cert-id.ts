import { createHash } from 'node:crypto';
import {
  asn1Content,
  ASN1_TAG,
  contextConstructed,
  expectTag,
  readAsn1Exact,
  asn1Encoding,
} from '@docaxis/signature/cms/asn1-reader';
import type { DigestAlgorithmName } from '@docaxis/signature/cms/digest-algorithm';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';

/** RFC 6960 §4.1.1 CertID: which certificate a request asks about and a response answers for. */
export interface OcspCertId {
  hashAlgorithm: DigestAlgorithmName;
  /** Hash of the DER of the issuer's name (the checked certificate's issuer field). */
  issuerNameHash: Buffer;
  /** Hash of the issuer's subjectPublicKey BIT STRING value. */
  issuerKeyHash: Buffer;
  /** Upper-case hex, as ParsedCertificate#serialNumber. */
  serialNumber: string;
}

/** The CertID of `certificate` issued by `issuer`, hashed with `hashAlgorithm` (SHA-1 by default). */
export function certIdOf(
  certificate: ParsedCertificate,
  issuer: ParsedCertificate,
  hashAlgorithm: DigestAlgorithmName = 'sha1',
): OcspCertId {
  return {
    hashAlgorithm,
    issuerNameHash: hash(hashAlgorithm, issuerNameDer(certificate.der)),
    issuerKeyHash: hash(hashAlgorithm, subjectPublicKeyBits(issuer)),
    serialNumber: certificate.serialNumber,
  };
}

/** Whether two CertIDs name the same certificate (same hash algorithm assumed by the caller). */
export function sameCertId(a: OcspCertId, b: OcspCertId): boolean {
  return (
    a.hashAlgorithm === b.hashAlgorithm &&
    a.issuerNameHash.equals(b.issuerNameHash) &&
    a.issuerKeyHash.equals(b.issuerKeyHash) &&
    a.serialNumber === b.serialNumber
  );
}

/** The subjectPublicKey BIT STRING content without its unused-bits octet (RFC 6960 KeyHash). */
export function subjectPublicKeyBits(certificate: ParsedCertificate): Buffer {
  const spki = certificate.publicKey.export({ type: 'spki', format: 'der' });
  const root = expectTag(readAsn1Exact(spki), ASN1_TAG.sequence, 'SubjectPublicKeyInfo');
  const bits = expectTag(root.children[1], ASN1_TAG.bitString, 'subjectPublicKey');
  return asn1Content(spki, bits).subarray(1);
}

function issuerNameDer(certificateDer: Buffer): Buffer {
  const certificate = expectTag(readAsn1Exact(certificateDer), ASN1_TAG.sequence, 'Certificate');
  const fields = [
    ...expectTag(certificate.children[0], ASN1_TAG.sequence, 'TBSCertificate').children,
  ];
  if (fields[0]?.tag === contextConstructed(0)) fields.shift();
  return asn1Encoding(certificateDer, expectTag(fields[2], ASN1_TAG.sequence, 'issuer'));
}

function hash(algorithm: DigestAlgorithmName, bytes: Buffer): Buffer {
  return createHash(algorithm).update(bytes).digest();
}
