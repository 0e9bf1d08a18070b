/**
 * The XML-DSig algorithms an edXML packet's enveloped signature may use (QCVN 102 SDKs sign with
 * RSA-SHA1; docaxis signs with RSA-SHA256). Anything else, HMAC above all (a "signature" keyed
 * with the public certificate proves nothing), is refused.
 */
export const XMLDSIG = {
  envelopedSignature: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  exclusiveC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  inclusiveC14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha512: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
} as const;

export interface AlgorithmInfo {
  name: string;
  weak: boolean;
}

export const SIGNATURE_METHODS: ReadonlyMap<string, AlgorithmInfo> = new Map([
  [XMLDSIG.rsaSha1, { name: 'RSA-SHA1', weak: true }],
  [XMLDSIG.rsaSha256, { name: 'RSA-SHA256', weak: false }],
  [XMLDSIG.rsaSha512, { name: 'RSA-SHA512', weak: false }],
]);

export const DIGEST_METHODS: ReadonlyMap<string, AlgorithmInfo> = new Map([
  [XMLDSIG.sha1, { name: 'sha1', weak: true }],
  [XMLDSIG.sha256, { name: 'sha256', weak: false }],
  [XMLDSIG.sha512, { name: 'sha512', weak: false }],
]);

export const CANONICALIZATION_METHODS: ReadonlySet<string> = new Set([
  XMLDSIG.exclusiveC14n,
  XMLDSIG.inclusiveC14n,
]);

/** Transforms a Reference may list besides the mandatory enveloped-signature. */
export const REFERENCE_TRANSFORMS: ReadonlySet<string> = new Set([
  XMLDSIG.envelopedSignature,
  XMLDSIG.exclusiveC14n,
  XMLDSIG.inclusiveC14n,
]);
