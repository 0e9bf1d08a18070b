import {
  asn1BitString,
  asn1Explicit,
  asn1Integer,
  asn1Sequence,
  asn1Time,
  derOf,
  type Asn1Node,
} from './asn1-node-factory';
import type { CertificateIssuer } from './certificate-builder';
import { derToPem } from './pem-encoding';
import { encodeDistinguishedName } from './x509-name';
import {
  authorityKeyIdentifierExtension,
  crlNumberExtension,
  crlReasonExtension,
  deltaCrlIndicatorExtension,
  encodeExtensions,
  freshestCrlExtension,
  invalidityDateExtension,
  type CrlReason,
} from './x509-extensions';
import { x509SignatureAlgorithmFor } from './x509-signature-algorithm';

export interface RevokedCertificateEntry {
  serialNumber: Buffer;
  revocationDate: Date;
  reason?: CrlReason;
  /** Written as the invalidityDate entry extension (RFC 5280 §5.3.2). */
  invalidityDate?: Date;
}

export interface CrlSpec {
  issuer: CertificateIssuer;
  thisUpdate: Date;
  nextUpdate: Date;
  crlNumber: number;
  /** Set, a delta CRL (RFC 5280 §5.2.4) updating the complete CRL with this number. */
  deltaOf?: number;
  /** Written as freshestCRL (RFC 5280 §5.2.6): where the delta CRLs of this complete CRL are. */
  freshestCrlUrls?: readonly string[];
  revoked: readonly RevokedCertificateEntry[];
}

export interface IssuedCrl {
  der: Buffer;
  pem: string;
}

/**
 * Builds and signs a v2 CRL (RFC 5280 §5) with CRL number and authority key identifier, a delta
 * CRL indicator when `deltaOf` is set and freshestCRL when `freshestCrlUrls` are given.
 */
export function buildCrl(spec: CrlSpec): IssuedCrl {
  const algorithm = x509SignatureAlgorithmFor(spec.issuer.privateKey);
  const fields: Asn1Node[] = [
    asn1Integer(1),
    algorithm.identifier(),
    encodeDistinguishedName(spec.issuer.name),
    asn1Time(spec.thisUpdate),
    asn1Time(spec.nextUpdate),
  ];
  // An empty revokedCertificates list must be absent, not an empty SEQUENCE.
  if (spec.revoked.length > 0) {
    fields.push(
      asn1Sequence(
        spec.revoked.map((entry) =>
          asn1Sequence([
            asn1Integer(entry.serialNumber),
            asn1Time(entry.revocationDate),
            ...entryExtensions(entry),
          ]),
        ),
      ),
    );
  }
  fields.push(
    asn1Explicit(
      0,
      encodeExtensions([
        authorityKeyIdentifierExtension(spec.issuer.keyIdentifier),
        crlNumberExtension(spec.crlNumber),
        ...(spec.deltaOf === undefined ? [] : [deltaCrlIndicatorExtension(spec.deltaOf)]),
        ...(spec.freshestCrlUrls?.length ? [freshestCrlExtension(spec.freshestCrlUrls)] : []),
      ]),
    ),
  );
  const tbs = asn1Sequence(fields);
  const der = derOf(
    asn1Sequence([tbs, algorithm.identifier(), asn1BitString(algorithm.sign(derOf(tbs)))]),
  );
  return { der, pem: derToPem(der, 'X509 CRL') };
}

function entryExtensions(entry: RevokedCertificateEntry): Asn1Node[] {
  const extensions = [
    ...(entry.reason ? [crlReasonExtension(entry.reason)] : []),
    ...(entry.invalidityDate ? [invalidityDateExtension(entry.invalidityDate)] : []),
  ];
  return extensions.length > 0 ? [encodeExtensions(extensions)] : [];
}
