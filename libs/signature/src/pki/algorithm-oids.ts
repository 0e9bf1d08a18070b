/** Object identifiers of the algorithms the development PKI and the fixture signer emit. */

export type DigestAlgorithmName = 'sha1' | 'sha256' | 'sha384' | 'sha512';

export const DIGEST_ALGORITHM_OIDS: Readonly<Record<DigestAlgorithmName, string>> = {
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
};

/** Digest length in bytes: also the RSASSA-PSS salt length we use (RFC 8017 recommendation). */
export const DIGEST_LENGTHS: Readonly<Record<DigestAlgorithmName, number>> = {
  sha1: 20,
  sha256: 32,
  sha384: 48,
  sha512: 64,
};

export const RSA_ENCRYPTION_OID = '1.2.840.113549.1.1.1';
export const RSASSA_PSS_OID = '1.2.840.113549.1.1.10';
export const MGF1_OID = '1.2.840.113549.1.1.8';

export const RSA_PKCS1_SIGNATURE_OIDS: Readonly<Record<DigestAlgorithmName, string>> = {
  sha1: '1.2.840.113549.1.1.5',
  sha256: '1.2.840.113549.1.1.11',
  sha384: '1.2.840.113549.1.1.12',
  sha512: '1.2.840.113549.1.1.13',
};

export const ECDSA_SIGNATURE_OIDS: Readonly<Record<DigestAlgorithmName, string>> = {
  sha1: '1.2.840.10045.4.1',
  sha256: '1.2.840.10045.4.3.2',
  sha384: '1.2.840.10045.4.3.3',
  sha512: '1.2.840.10045.4.3.4',
};
