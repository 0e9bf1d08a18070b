import { sign, type KeyObject } from 'node:crypto';
import {
  ECDSA_SIGNATURE_OIDS,
  RSA_PKCS1_SIGNATURE_OIDS,
  type DigestAlgorithmName,
} from './algorithm-oids';
import { asn1Null, asn1Oid, asn1Sequence, type Asn1Node } from './asn1-node-factory';

/** How an issuer signs certificates and CRLs: the AlgorithmIdentifier and the signing itself. */
export interface X509SignatureAlgorithm {
  identifier: () => Asn1Node;
  sign: (tbsDer: Buffer) => Buffer;
}

/**
 * RSA issuers sign with sha256WithRSAEncryption (PKCS#1 v1.5); EC issuers with ECDSA and the
 * digest matching the curve's strength. node:crypto does the math; ECDSA signatures come out
 * DER-encoded (Ecdsa-Sig-Value), exactly what X.509 wants.
 */
export function x509SignatureAlgorithmFor(issuerKey: KeyObject): X509SignatureAlgorithm {
  if (issuerKey.asymmetricKeyType === 'rsa') {
    return {
      identifier: () => asn1Sequence([asn1Oid(RSA_PKCS1_SIGNATURE_OIDS.sha256), asn1Null()]),
      sign: (tbsDer) => sign('sha256', tbsDer, issuerKey),
    };
  }
  if (issuerKey.asymmetricKeyType === 'ec') {
    const digest: DigestAlgorithmName =
      issuerKey.asymmetricKeyDetails?.namedCurve === 'secp384r1' ? 'sha384' : 'sha256';
    return {
      identifier: () => asn1Sequence([asn1Oid(ECDSA_SIGNATURE_OIDS[digest])]),
      sign: (tbsDer) => sign(digest, tbsDer, issuerKey),
    };
  }
  throw new TypeError(`unsupported issuer key type: ${issuerKey.asymmetricKeyType}`);
}
