import { createHash } from 'node:crypto';
import { Asn1DecodingError } from '@docaxis/signature/cms/asn1-decoding-error';
import {
  asn1Content,
  asn1Encoding,
  ASN1_TAG,
  contextConstructed,
  contextPrimitive,
  expectTag,
  readAsn1Exact,
  type Asn1Node,
} from '@docaxis/signature/cms/asn1-reader';
import {
  decodeBitString,
  decodeBoolean,
  decodeIntegerHex,
  decodeOid,
  decodeSmallInteger,
  decodeTime,
} from '@docaxis/signature/cms/asn1-values';
import { OID } from '@docaxis/signature/cms/object-identifiers';
import {
  parseDistinguishedName,
  type DistinguishedName,
} from '@docaxis/signature/trust/distinguished-name';
import { parseCrlDistributionUris } from '@docaxis/signature/trust/parsed-certificate';

/** RFC 5280 §5.3.1 CRLReason names by code (OCSP's RevokedInfo uses the same codes). */
const CRL_REASONS = {
  0: 'unspecified',
  1: 'keyCompromise',
  2: 'cACompromise',
  3: 'affiliationChanged',
  4: 'superseded',
  5: 'cessationOfOperation',
  6: 'certificateHold',
  8: 'removeFromCRL',
  9: 'privilegeWithdrawn',
  10: 'aACompromise',
} as const;

export type CrlReasonName = (typeof CRL_REASONS)[keyof typeof CRL_REASONS];

/** The same table, indexed by a decoded code (7, unassigned, has no name). */
export const CRL_REASON_NAMES: Readonly<Record<number, CrlReasonName>> = CRL_REASONS;

export interface RevokedCertificateEntry {
  readonly revokedAt: Date;
  /** Absent when the entry states none, or a code RFC 5280 does not define. */
  readonly reason?: CrlReasonName;
  /** RFC 5280 §5.3.2: when the key is known or suspected to have been compromised, or the
   * certificate otherwise became invalid; may be earlier than revokedAt. */
  readonly invalidityDate?: Date;
}

/** The scope an issuingDistributionPoint extension limits a CRL to (RFC 5280 §5.2.5). */
export interface CrlScope {
  /**
   * The IDP names a distribution point: the CRL covers only the certificates of that partition.
   * Its URIs are in distributionPointUris; a partition named otherwise (a directory name, a name
   * relative to the issuer) has none there and matches no certificate.
   */
  readonly namesDistributionPoint: boolean;
  readonly distributionPointUris: readonly string[];
  readonly onlyUserCertificates: boolean;
  readonly onlyCaCertificates: boolean;
  /** onlySomeReasons, indirectCRL or onlyContainsAttributeCerts: a partial CRL we never rely on. */
  readonly partial: boolean;
}

export interface ParsedCrl {
  readonly der: Buffer;
  readonly sha256: string;
  readonly issuer: DistinguishedName;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  readonly crlNumber?: string;
  readonly isDelta: boolean;
  /** A delta CRL's BaseCRLNumber (RFC 5280 §5.2.4): the complete CRL it updates, upper-case hex. */
  readonly baseCrlNumber?: string;
  readonly scope?: CrlScope;
  /** A complete CRL's freshestCRL (RFC 5280 §5.2.6): where its delta CRLs are; empty if none. */
  readonly freshestCrlUris: readonly string[];
  /** Set when a critical (CRL or entry) extension we do not understand makes the CRL unusable. */
  readonly unsupportedCriticalExtension?: string;
  /** Upper-case hex serial → entry. */
  readonly entries: ReadonlyMap<string, RevokedCertificateEntry>;
  readonly tbsCertList: Buffer;
  readonly signatureAlgorithm: Asn1Node;
  readonly signatureValue: Buffer;
}

const UNDERSTOOD_CRL_EXTENSIONS: ReadonlySet<string> = new Set([
  OID.crlNumber,
  OID.authorityKeyIdentifier,
  OID.issuingDistributionPoint,
  OID.deltaCrlIndicator,
  OID.issuerAltName,
  OID.freshestCrl,
  OID.authorityInfoAccess,
]);
const UNDERSTOOD_ENTRY_EXTENSIONS: ReadonlySet<string> = new Set([
  OID.crlReason,
  OID.invalidityDate,
]);

/** Parses a DER CertificateList (RFC 5280 §5.1); throws Asn1DecodingError when malformed. */
export function parseCrl(der: Buffer): ParsedCrl {
  const list = expectTag(readAsn1Exact(der), ASN1_TAG.sequence, 'CertificateList');
  const [tbsNode, signatureAlgorithm, signatureNode] = list.children;
  const tbs = expectTag(tbsNode, ASN1_TAG.sequence, 'TBSCertList');
  const fields = [...tbs.children];
  if (fields[0]?.tag === ASN1_TAG.integer) fields.shift(); // version
  const [, issuerNode, thisUpdateNode, ...rest] = fields;
  const issuer = parseDistinguishedName(der, issuerNode);
  const thisUpdate = decodeTime(der, expectDefined(thisUpdateNode, 'thisUpdate'));
  let nextUpdate: Date | undefined;
  if (rest[0] && (rest[0].tag === ASN1_TAG.utcTime || rest[0].tag === ASN1_TAG.generalizedTime)) {
    nextUpdate = decodeTime(der, rest[0]);
    rest.shift();
  }
  let unsupportedCriticalExtension: string | undefined;
  const entries = new Map<string, RevokedCertificateEntry>();
  if (rest[0]?.tag === ASN1_TAG.sequence) {
    for (const entry of rest[0].children) {
      const [serial, date, extensions] = expectTag(
        entry,
        ASN1_TAG.sequence,
        'revoked entry',
      ).children;
      let reason: CrlReasonName | undefined;
      let invalidityDate: Date | undefined;
      for (const extension of extensionsOf(der, extensions)) {
        if (extension.oid === OID.crlReason) {
          const value = readAsn1Exact(extension.value);
          reason =
            CRL_REASON_NAMES[
              decodeSmallInteger(
                extension.value,
                expectTag(value, ASN1_TAG.enumerated, 'CRLReason'),
              )
            ];
        } else if (extension.oid === OID.invalidityDate) {
          invalidityDate = decodeTime(
            extension.value,
            expectTag(readAsn1Exact(extension.value), ASN1_TAG.generalizedTime, 'InvalidityDate'),
          );
        } else if (extension.critical && !UNDERSTOOD_ENTRY_EXTENSIONS.has(extension.oid)) {
          unsupportedCriticalExtension ??= extension.oid;
        }
      }
      entries.set(decodeIntegerHex(der, expectTag(serial, ASN1_TAG.integer, 'userCertificate')), {
        revokedAt: decodeTime(der, expectDefined(date, 'revocationDate')),
        reason,
        ...(invalidityDate ? { invalidityDate } : {}),
      });
    }
    rest.shift();
  }
  let crlNumber: string | undefined;
  let isDelta = false;
  let baseCrlNumber: string | undefined;
  let scope: CrlScope | undefined;
  let freshestCrlUris: string[] = [];
  const crlExtensions = rest[0]?.tag === contextConstructed(0) ? rest[0].children[0] : undefined;
  for (const extension of extensionsOf(der, crlExtensions)) {
    if (extension.oid === OID.crlNumber) {
      crlNumber = decodeIntegerHex(extension.value, readAsn1Exact(extension.value));
    } else if (extension.oid === OID.deltaCrlIndicator) {
      isDelta = true;
      baseCrlNumber = decodeIntegerHex(
        extension.value,
        expectTag(readAsn1Exact(extension.value), ASN1_TAG.integer, 'BaseCRLNumber'),
      );
    } else if (extension.oid === OID.issuingDistributionPoint) {
      scope = parseScope(extension.value);
    } else if (extension.oid === OID.freshestCrl) {
      freshestCrlUris = parseCrlDistributionUris(extension.value, readAsn1Exact(extension.value));
    } else if (extension.critical && !UNDERSTOOD_CRL_EXTENSIONS.has(extension.oid)) {
      unsupportedCriticalExtension ??= extension.oid;
    }
  }
  return {
    der,
    sha256: createHash('sha256').update(der).digest('hex'),
    issuer,
    thisUpdate,
    nextUpdate,
    crlNumber,
    isDelta,
    ...(baseCrlNumber === undefined ? {} : { baseCrlNumber }),
    scope,
    freshestCrlUris,
    unsupportedCriticalExtension,
    entries,
    tbsCertList: asn1Encoding(der, tbs),
    signatureAlgorithm: expectTag(signatureAlgorithm, ASN1_TAG.sequence, 'signatureAlgorithm'),
    signatureValue: decodeBitString(
      der,
      expectTag(signatureNode, ASN1_TAG.bitString, 'signatureValue'),
    ).data,
  };
}

function expectDefined(node: Asn1Node | undefined, what: string): Asn1Node {
  if (!node) throw new Asn1DecodingError(`${what} is missing`);
  return node;
}

function extensionsOf(
  der: Buffer,
  sequence: Asn1Node | undefined,
): { oid: string; critical: boolean; value: Buffer }[] {
  if (!sequence) return [];
  return expectTag(sequence, ASN1_TAG.sequence, 'Extensions').children.map((extension) => {
    const parts = expectTag(extension, ASN1_TAG.sequence, 'Extension').children;
    return {
      oid: decodeOid(der, parts[0]),
      critical: parts.length === 3 ? decodeBoolean(der, parts[1]) : false,
      value: asn1Content(
        der,
        expectTag(parts[parts.length - 1], ASN1_TAG.octetString, 'extnValue'),
      ),
    };
  });
}

function parseScope(value: Buffer): CrlScope {
  const root = expectTag(readAsn1Exact(value), ASN1_TAG.sequence, 'IssuingDistributionPoint');
  const flag = (tagNumber: number): boolean => {
    const node = root.children.find((child) => child.tag === contextPrimitive(tagNumber));
    return node !== undefined && asn1Content(value, node)[0] !== 0;
  };
  const uris: string[] = [];
  const pointName = root.children.find((child) => child.tag === contextConstructed(0));
  const fullName = pointName?.children.find((child) => child.tag === contextConstructed(0));
  for (const generalName of fullName?.children ?? []) {
    if (generalName.tag === contextPrimitive(6))
      uris.push(asn1Content(value, generalName).toString('latin1'));
  }
  const hasReasons = root.children.some((child) => child.tag === contextPrimitive(3));
  return {
    namesDistributionPoint: pointName !== undefined,
    distributionPointUris: uris,
    onlyUserCertificates: flag(1),
    onlyCaCertificates: flag(2),
    partial: hasReasons || flag(4) || flag(5),
  };
}
