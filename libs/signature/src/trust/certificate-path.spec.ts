import { join } from 'node:path';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import {
  generateSpecDevPki,
  issueWithOpenssl,
} from '@docaxis/signature/verification/dev-pki-spec-fixture';
import { CertificateCache } from './certificate-cache';
import { CertificatePathBuilder } from './certificate-path-builder';
import { validateCertificatePath } from './certificate-path-validator';
import type { ParsedCertificate } from './parsed-certificate';
import { TrustStore } from './trust-store';
import { devPkiTrustDirectories } from '@docaxis/signature/testing/dev-pki-verifier';

const DAY = 24 * 60 * 60 * 1000;

describe('trust store, path building and path validation (dev PKI)', () => {
  let pki: DevPki;
  let store: TrustStore;
  let cache: CertificateCache;
  let builder: CertificatePathBuilder;
  const parse = (der: Buffer): ParsedCertificate => cache.parse(der);
  const codes = (path: readonly ParsedCertificate[], at = new Date()): string[] =>
    validateCertificatePath(path, { at, is: 'signing-time' }, (c) =>
      store.isAnchor(c),
    ).findings.map((f) => `${f.subIndication ?? 'note'}:${f.code}`);

  beforeAll(async () => {
    pki = await generateSpecDevPki('trust');
    cache = new CertificateCache();
    store = await TrustStore.fromDirectories(devPkiTrustDirectories(pki), cache);
    builder = new CertificatePathBuilder(store);
  });

  it('loads anchors without descending into the intermediates sub-folder', () => {
    expect(store.anchors.map((c) => c.fingerprintSha256)).toEqual([
      pki.root.sha256Fingerprint.replace(/:/g, '').toLowerCase(),
    ]);
    expect(store.intermediates.map((c) => c.serialNumber)).toEqual([pki.issuing.serialNumberHex]);
  });

  it('builds organization → issuing CA → root and finds nothing wrong with it', () => {
    const seal = parse(pki.agency('000.00.00.G22').organization.certDer);
    const paths = builder.buildPaths(seal, []);
    expect(paths).toHaveLength(1);
    expect(paths[0].map((c) => c.serialNumber)).toEqual([
      seal.serialNumber,
      pki.issuing.serialNumberHex,
      pki.root.serialNumberHex,
    ]);
    expect(codes(paths[0])).toEqual([]);
    expect(seal.policyOids).toContain(pki.policyOids.organization);
    expect(seal.keyUsage).toEqual(new Set(['digitalSignature', 'nonRepudiation']));
  });

  it('uses an intermediate carried by the CMS when none is configured', () => {
    const bare = TrustStore.fromCertificates([pki.root.certDer]);
    const seal = parse(pki.agency('000.00.00.H41').organization.certDer);
    expect(new CertificatePathBuilder(bare).buildPaths(seal, [])).toEqual([]);
    const paths = new CertificatePathBuilder(bare).buildPaths(seal, [parse(pki.issuing.certDer)]);
    expect(paths[0]).toHaveLength(3);
  });

  it('does not chain a certificate issued by a rogue root that copies the real root name', () => {
    const rogueRoot = parse(pki.special('rogue-root-ca').certDer);
    const rogueSeal = parse(pki.special('rogue-organization').certDer);
    expect(rogueRoot.subject.matchKey).toBe(store.anchors[0].subject.matchKey);
    expect(builder.buildPaths(rogueSeal, [rogueRoot])).toEqual([]);
  });

  it('checks validity at the signing time', () => {
    const expired = parse(pki.special('expired-organization').certDer);
    const path = builder.buildPaths(expired, [])[0];
    expect(codes(path)).toEqual(['EXPIRED:CERTIFICATE_EXPIRED']);
    expect(codes(path, new Date(expired.notAfter.getTime() - DAY))).toEqual([]);
    const early = parse(pki.special('not-yet-valid-organization').certDer);
    expect(codes(builder.buildPaths(early, [])[0])).toEqual([
      'NOT_YET_VALID:CERTIFICATE_NOT_YET_VALID',
    ]);
  });

  it('refuses a signer whose key usage allows no signature', () => {
    const wrong = parse(pki.special('wrong-key-usage-organization').certDer);
    expect(codes(builder.buildPaths(wrong, [])[0])).toEqual([
      'CHAIN_CONSTRAINTS_FAILURE:SIGNER_KEY_USAGE',
    ]);
  });

  it('chains an ECDSA P-256 signer', () => {
    const ec = parse(pki.special('ecdsa-p256-organization').certDer);
    expect(ec.publicKey.asymmetricKeyType).toBe('ec');
    expect(codes(builder.buildPaths(ec, [])[0])).toEqual([]);
  });

  it('enforces CA flags, pathLenConstraint and unknown critical extensions on openssl-made certificates', () => {
    const workDir = join(pki.dir, '..', 'openssl-issued');
    const seal = pki.agency('000.00.00.G22').organization;
    // A leaf issued by the seal (not a CA): ISSUER_NOT_CA and ISSUER_KEY_USAGE.
    const underLeaf = issueWithOpenssl({
      workDir,
      name: 'under-leaf',
      issuerCertPath: seal.certPath,
      issuerKeyPath: seal.keyPath,
      subject: '/CN=TEST issued by a leaf',
      extensions: ['keyUsage=critical,digitalSignature'],
    });
    expect(codes(builder.buildPaths(parse(underLeaf.certDer), [parse(seal.certDer)])[0])).toEqual([
      'CHAIN_CONSTRAINTS_FAILURE:ISSUER_NOT_CA',
      'CHAIN_CONSTRAINTS_FAILURE:ISSUER_KEY_USAGE',
      // The seal also counts as an intermediate under the issuing CA's pathLenConstraint 0.
      'CHAIN_CONSTRAINTS_FAILURE:PATH_LENGTH_EXCEEDED',
    ]);
    // A sub-CA below the issuing CA, whose pathLenConstraint is 0.
    const subCa = issueWithOpenssl({
      workDir,
      name: 'sub-ca',
      issuerCertPath: pki.issuing.certPath,
      issuerKeyPath: pki.issuing.keyPath,
      subject: '/CN=TEST sub CA',
      extensions: ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'],
    });
    const belowSubCa = issueWithOpenssl({
      workDir,
      name: 'below-sub-ca',
      issuerCertPath: subCa.certPath,
      issuerKeyPath: subCa.keyPath,
      subject: '/CN=TEST below sub CA',
      extensions: ['keyUsage=critical,nonRepudiation', '1.2.3.4.5=critical,ASN1:NULL'],
    });
    expect(codes(builder.buildPaths(parse(belowSubCa.certDer), [parse(subCa.certDer)])[0])).toEqual(
      [
        'CHAIN_CONSTRAINTS_FAILURE:UNKNOWN_CRITICAL_EXTENSION',
        'CHAIN_CONSTRAINTS_FAILURE:PATH_LENGTH_EXCEEDED',
      ],
    );
  });

  it('caches built paths per signer and offered set', () => {
    const seal = parse(pki.agency('000.00.00.G22').leader.certDer);
    expect(builder.buildPaths(seal, [])).toBe(builder.buildPaths(seal, []));
  });
});
