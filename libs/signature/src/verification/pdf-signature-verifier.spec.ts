import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import type {
  DocumentVerificationReport,
  SignatureReport,
} from '@docaxis/signature/report/document-verification-report';
import {
  appendAnnotation,
  appendPageContentChange,
  flipByteInSignedRange,
  garbleSignatureContents,
  removeByteRange,
  truncate,
} from '@docaxis/signature/testing/pdf-tampering';
import { devPkiSigner, signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { signPdf } from '@docaxis/signature/testing/pdf-signer';
import { buildUnsignedPdf } from '@docaxis/signature/testing/unsigned-pdf-builder';
import { generateSpecDevPki } from './dev-pki-spec-fixture';
import type { PdfSignatureVerifier } from './pdf-signature-verifier';
import { createDevPkiPdfVerifier } from '@docaxis/signature/testing/dev-pki-verifier';

const G22 = '000.00.00.G22';
const DAY = 24 * 60 * 60 * 1000;

function verdicts(report: DocumentVerificationReport): string[] {
  return report.signatures.map(
    (s) => `${s.indication}${s.subIndication ? `/${s.subIndication}` : ''}`,
  );
}

function codes(signature: SignatureReport): string[] {
  return signature.messages.map((m) => m.code);
}

describe('PdfSignatureVerifier over the fixture corpus (dev PKI)', () => {
  let pki: DevPki;
  let verifier: PdfSignatureVerifier;
  let valid: Buffer;

  beforeAll(async () => {
    pki = await generateSpecDevPki('verifier');
    verifier = await createDevPkiPdfVerifier(pki);
    valid = await signedDispatchPdf(pki, G22, { unsigned: { targetSizeBytes: 100_000 } });
  });

  it('passes a leader + agency signed dispatch and says who signed', async () => {
    const report = await verifier.verify(valid);
    expect(report).toMatchObject({ indication: 'TOTAL-PASSED', fileSize: valid.length });
    expect(report.subIndication).toBeUndefined();
    expect(report.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    const [leader, seal] = report.signatures;
    const agency = pki.agency(G22);
    expect(leader).toMatchObject({
      index: 0,
      fieldName: 'Signature1',
      indication: 'TOTAL-PASSED',
      signer: {
        kind: 'person',
        agencyCode: G22,
        commonName: agency.leader.fullName,
        serialNumber: agency.leader.serialNumberHex,
      },
      digestAlgorithm: 'sha256',
      signingTimeSource: 'signed-attribute',
      weakAlgorithm: false,
      revocation: { status: 'good', source: 'crl' },
      coverage: { coversWholeFile: false, modificationsAfterSigning: 'allowed' },
    });
    expect(leader.coverage.details).toContain('signature field "Signature2" added');
    expect(seal).toMatchObject({
      index: 1,
      indication: 'TOTAL-PASSED',
      signer: {
        kind: 'organization',
        agencyCode: G22,
        organization: agency.name,
        serialNumber: agency.organization.serialNumberHex,
      },
      coverage: { coversWholeFile: true, modificationsAfterSigning: 'none' },
    });
    expect(seal.chain.map((c) => c.serialNumber)).toEqual([
      agency.organization.serialNumberHex,
      pki.issuing.serialNumberHex,
      pki.root.serialNumberHex,
    ]);
    expect(seal.coverage.byteRange[2] + seal.coverage.byteRange[3]).toBe(valid.length);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('passes an agency-only signature and a PDF with object streams', async () => {
    const appendix = await signedDispatchPdf(pki, G22, { leader: false });
    expect(verdicts(await verifier.verify(appendix))).toEqual(['TOTAL-PASSED']);
    const compressed = await signedDispatchPdf(pki, '000.00.00.H41', {
      unsigned: { useObjectStreams: true },
    });
    const report = await verifier.verify(compressed);
    expect(verdicts(report)).toEqual(['TOTAL-PASSED', 'TOTAL-PASSED']);
    expect(report.signatures[1].signer.agencyCode).toBe('000.00.00.H41');
  });

  it('reports NO_SIGNATURE for an unsigned PDF', async () => {
    const report = await verifier.verify(await buildUnsignedPdf());
    expect(report).toMatchObject({
      indication: 'TOTAL-FAILED',
      subIndication: 'NO_SIGNATURE',
      signatures: [],
    });
    expect(report.messages.map((m) => m.code)).toEqual(['PDF_NO_SIGNATURE']);
  });

  it('reports HASH_FAILURE for a flipped byte every signature covers', async () => {
    const report = await verifier.verify(flipByteInSignedRange(valid));
    expect(report).toMatchObject({ indication: 'TOTAL-FAILED', subIndication: 'HASH_FAILURE' });
    expect(verdicts(report)).toEqual(['TOTAL-FAILED/HASH_FAILURE', 'TOTAL-FAILED/HASH_FAILURE']);
    expect(codes(report.signatures[1])).toContain('MESSAGE_DIGEST_MISMATCH');
  });

  it('reports FORMAT_FAILURE for garbled /Contents and SIG_CRYPTO_FAILURE for a bad signature value', async () => {
    const garbled = await verifier.verify(garbleSignatureContents(valid));
    expect(verdicts(garbled)).toEqual(['TOTAL-PASSED', 'TOTAL-FAILED/FORMAT_FAILURE']);
    expect(codes(garbled.signatures[1])).toContain('CMS_MALFORMED');
    const badValue = await verifier.verify(
      garbleSignatureContents(valid, { mode: 'signature-value' }),
    );
    expect(verdicts(badValue)).toEqual(['TOTAL-PASSED', 'TOTAL-FAILED/SIG_CRYPTO_FAILURE']);
  });

  it('reports FORMAT_FAILURE for a signature without /ByteRange', async () => {
    const report = await verifier.verify(removeByteRange(valid));
    expect(report.subIndication).toBe('FORMAT_FAILURE');
    expect(verdicts(report)).toEqual(['TOTAL-PASSED', 'TOTAL-FAILED/FORMAT_FAILURE']);
    expect(codes(report.signatures[1])).toEqual(['BYTE_RANGE_MISSING']);
  });

  it('reports FORMAT_FAILURE for truncated files and for non-PDF input, without throwing', async () => {
    const cut = await verifier.verify(truncate(valid, 100));
    expect(cut).toMatchObject({
      indication: 'TOTAL-FAILED',
      subIndication: 'FORMAT_FAILURE',
      signatures: [],
    });
    expect(cut.messages.map((m) => m.code)).toEqual(['PDF_TRAILING_DATA']);
    const halved = await verifier.verify(truncate(valid, valid.length / 2));
    expect(halved.indication).toBe('TOTAL-FAILED');
    for (const input of [
      Buffer.alloc(0),
      Buffer.from('hello'),
      Buffer.from('%PDF-1.7\n1 0 obj <<'),
      Buffer.alloc(4096, 0xff),
    ]) {
      const report = await verifier.verify(input);
      expect(report).toMatchObject({ indication: 'TOTAL-FAILED', subIndication: 'FORMAT_FAILURE' });
    }
    expect((await verifier.verify(Buffer.from('hello'))).messages[0].code).toBe('PDF_NOT_A_PDF');
  });

  it.each([
    ['expired-organization', 'TOTAL-FAILED/EXPIRED', 'CERTIFICATE_EXPIRED'],
    ['not-yet-valid-organization', 'TOTAL-FAILED/NOT_YET_VALID', 'CERTIFICATE_NOT_YET_VALID'],
    ['revoked-organization', 'TOTAL-FAILED/REVOKED', 'CERTIFICATE_REVOKED'],
    ['rogue-organization', 'INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND', 'CHAIN_NOT_FOUND'],
    ['wrong-key-usage-organization', 'INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE', 'SIGNER_KEY_USAGE'],
  ] as const)('refuses a seal signed with %s: %s', async (special, verdict, code) => {
    const pdf = await signedDispatchPdf(pki, G22, { organization: pki.special(special) });
    const report = await verifier.verify(pdf);
    expect(verdicts(report)).toEqual(['TOTAL-PASSED', verdict]);
    expect(`${report.indication}/${report.subIndication}`).toBe(verdict);
    expect(codes(report.signatures[1])).toContain(code);
  });

  it('passes a signature made before its certificate was superseded, with a note', async () => {
    // Agency only: the leader's certificate is an hour old, too young for a signature 20 days ago.
    const signingTime = new Date(Date.now() - 20 * DAY);
    const pdf = await signedDispatchPdf(pki, G22, {
      leader: false,
      organization: pki.special('superseded-organization'),
      signingTime,
    });
    const report = await verifier.verify(pdf);
    expect(verdicts(report)).toEqual(['TOTAL-PASSED']);
    expect(report.signatures[0].revocation).toMatchObject({
      status: 'revoked',
      source: 'crl',
      reason: 'superseded',
      explanation: {
        kind: 'revoked-after-signing',
        certificate: expect.objectContaining({ role: 'signer' }) as unknown,
        reason: 'superseded',
        signingTime: report.signatures[0].signingTime,
      },
    });
    expect(codes(report.signatures[0])).toContain('CERTIFICATE_REVOKED_AFTER_SIGNING');
  });

  it.each([
    ['revoked-organization', 'keyCompromise'],
    ['revoked-without-reason-organization', undefined],
  ] as const)(
    'refuses a signature claimed before a revocation of %s (%s): REVOKED_NO_POE',
    async (special, reason) => {
      // The holder of a compromised key chooses the signingTime: 20 days ago, before the
      // revocation 10 days ago, proves nothing.
      const pdf = await signedDispatchPdf(pki, G22, {
        leader: false,
        organization: pki.special(special),
        signingTime: new Date(Date.now() - 20 * DAY),
      });
      const report = await verifier.verify(pdf);
      expect(verdicts(report)).toEqual(['INDETERMINATE/REVOKED_NO_POE']);
      expect(report.signatures[0].revocation).toMatchObject({ status: 'revoked', source: 'crl' });
      expect(report.signatures[0].revocation.reason).toBe(reason);
      expect(report.signatures[0].revocation.explanation).toMatchObject({
        kind: 'revoked-compromise',
        reason: reason ?? null,
      });
      expect(codes(report.signatures[0])).toContain('CERTIFICATE_REVOKED_KEY_COMPROMISE');
      expect(codes(report.signatures[0])).not.toContain('CERTIFICATE_REVOKED_AFTER_SIGNING');
    },
  );

  it('is INDETERMINATE / TRY_LATER without a CRL for the issuer, or with a stale one', async () => {
    const emptyCrlDir = mkdtempSync(join(pki.dir, '..', 'no-crls-'));
    mkdirSync(emptyCrlDir, { recursive: true });
    const withoutCrls = await createDevPkiPdfVerifier(pki, { crlDir: emptyCrlDir });
    const report = await withoutCrls.verify(valid);
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    expect(report.signatures[0].revocation.status).toBe('unknown');
    const later = await verifier.verify(valid, { validationTime: new Date(Date.now() + 30 * DAY) });
    expect(later).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
  });

  it('passes ECDSA P-256 and RSA-PSS signatures', async () => {
    const ec = await verifier.verify(
      await signedDispatchPdf(pki, G22, { organization: pki.special('ecdsa-p256-organization') }),
    );
    expect(verdicts(ec)).toEqual(['TOTAL-PASSED', 'TOTAL-PASSED']);
    expect(ec.signatures[1].signatureAlgorithm).toMatch(/ecdsa/i);
    const pss = await verifier.verify(
      await signedDispatchPdf(pki, G22, { signOptions: { rsaPadding: 'pss' } }),
    );
    expect(verdicts(pss)).toEqual(['TOTAL-PASSED', 'TOTAL-PASSED']);
    expect(pss.signatures[0].signatureAlgorithm).toBe('RSASSA-PSS(sha256)');
  });

  it('passes ECDSA P-384 and SHA-384 / SHA-512 digests', async () => {
    const p384 = await verifier.verify(
      await signedDispatchPdf(pki, G22, {
        organization: pki.special('ecdsa-p384-organization'),
        organizationSignOptions: { digest: 'sha384' },
        leaderSignOptions: { digest: 'sha512' },
      }),
    );
    expect(verdicts(p384)).toEqual(['TOTAL-PASSED', 'TOTAL-PASSED']);
    expect(p384.signatures.map((s) => s.digestAlgorithm)).toEqual(['sha512', 'sha384']);
  });

  it('accepts SHA-1 but flags it as weak', async () => {
    const report = await verifier.verify(
      await signedDispatchPdf(pki, G22, { signOptions: { digest: 'sha1' } }),
    );
    expect(report.indication).toBe('TOTAL-PASSED');
    expect(report.signatures.map((s) => [s.digestAlgorithm, s.weakAlgorithm])).toEqual([
      ['sha1', true],
      ['sha1', true],
    ]);
    expect(codes(report.signatures[0])).toContain('WEAK_ALGORITHM');
  });

  it('keeps signatures valid when a later revision only adds an annotation', async () => {
    const report = await verifier.verify(await appendAnnotation(valid));
    expect(verdicts(report)).toEqual(['TOTAL-PASSED', 'TOTAL-PASSED']);
    expect(report.signatures.map((s) => s.coverage.modificationsAfterSigning)).toEqual([
      'allowed',
      'allowed',
    ]);
    expect(report.signatures[1].coverage.details).toContain('page 1: /Text annotation added');
  });

  it('passes a seal added after an annotation that followed the leader signature', async () => {
    const agency = pki.agency(G22);
    const leaderOnly = await signPdf(await buildUnsignedPdf(), devPkiSigner(pki, agency.leader));
    const annotated = await appendAnnotation(leaderOnly);
    const sealed = await signPdf(annotated, devPkiSigner(pki, agency.organization));
    const report = await verifier.verify(sealed);
    expect(verdicts(report)).toEqual(['TOTAL-PASSED', 'TOTAL-PASSED']);
    expect(report.signatures[0].coverage.modificationsAfterSigning).toBe('allowed');
    expect(report.signatures[0].coverage.details).toContain('page 1: /Text annotation added');
    expect(report.signatures[1].coverage.coversWholeFile).toBe(true);
  });

  it('passes a PDF whose CMS was made by openssl cms -sign (an independent signer)', async () => {
    // The small "test script": our PDF writer reserves /Contents and fills /ByteRange; openssl
    // signs the covered bytes with the agency's seal key, the issuing CA in the certificate set.
    const work = mkdtempSync(join(pki.dir, '..', 'openssl-sign-'));
    const agency = pki.agency(G22);
    const opensslCms = (signedBytes: Buffer): Buffer => {
      writeFileSync(join(work, 'content.bin'), signedBytes);
      execFileSync('openssl', [
        'cms',
        '-sign',
        '-binary',
        '-in',
        join(work, 'content.bin'),
        '-signer',
        agency.organization.certPath,
        '-inkey',
        agency.organization.keyPath,
        '-certfile',
        pki.issuing.certPath,
        '-md',
        'sha256',
        '-outform',
        'DER',
        '-out',
        join(work, 'signature.der'),
      ]);
      return readFileSync(join(work, 'signature.der'));
    };
    const pdf = await signPdf(await buildUnsignedPdf(), devPkiSigner(pki, agency.organization), {
      externalCms: opensslCms,
    });
    const report = await verifier.verify(pdf);
    expect(verdicts(report)).toEqual(['TOTAL-PASSED']);
    expect(report.signatures[0]).toMatchObject({
      signer: { kind: 'organization', agencyCode: G22 },
      signingTimeSource: 'signed-attribute',
      digestAlgorithm: 'sha256',
    });
    // openssl adds signingTime and SMIMECapabilities but no signingCertificateV2 (not CAdES).
    expect(codes(report.signatures[0])).toContain('SIGNING_CERTIFICATE_ATTRIBUTE_MISSING');
    // And pdf-level tampering is caught in openssl's signature as in ours.
    expect(verdicts(await verifier.verify(flipByteInSignedRange(pdf)))).toEqual([
      'TOTAL-FAILED/HASH_FAILURE',
    ]);
  });

  it('fails every signature when a later revision changes page content', async () => {
    const report = await verifier.verify(await appendPageContentChange(valid));
    expect(verdicts(report)).toEqual([
      'TOTAL-FAILED/FORMAT_FAILURE',
      'TOTAL-FAILED/FORMAT_FAILURE',
    ]);
    expect(report.signatures.map((s) => s.coverage.modificationsAfterSigning)).toEqual([
      'disallowed',
      'disallowed',
    ]);
    expect(codes(report.signatures[1])).toContain('MODIFICATIONS_DISALLOWED');
    expect(report.signatures[1].coverage.details.join('\n')).toMatch(
      /page 1: \/Contents changed|changed/,
    );
  });

  it('refuses a signing time in the future and files over the size limit', async () => {
    const future = await signedDispatchPdf(pki, G22, { signingTime: new Date(Date.now() + DAY) });
    expect(await verifier.verify(future)).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'SIG_CONSTRAINTS_FAILURE',
    });
    const small = await createDevPkiPdfVerifier(pki, { limits: { maxFileBytes: 10_000 } });
    const report = await small.verify(valid);
    expect(report.messages.map((m) => m.code)).toEqual(['PDF_TOO_LARGE']);
  });
  it('agrees with openssl cms -verify, an independent verifier, on valid and tampered signatures', async () => {
    const dir = mkdtempSync(join(pki.dir, '..', 'openssl-oracle-'));
    const opensslVerifies = (pdf: Buffer, byteRange: readonly number[]): boolean => {
      const [a, b, c, d] = byteRange;
      const der = Buffer.from(pdf.toString('latin1', a + b + 1, c - 1), 'hex');
      writeFileSync(join(dir, 'signature.der'), der);
      writeFileSync(
        join(dir, 'content.bin'),
        Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]),
      );
      const result = spawnSync('openssl', [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        join(dir, 'signature.der'),
        '-content',
        join(dir, 'content.bin'),
        '-CAfile',
        pki.root.certPath,
        '-certfile',
        pki.issuing.certPath,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ]);
      return result.status === 0;
    };
    const ours = await verifier.verify(valid);
    for (const signature of ours.signatures) {
      expect(opensslVerifies(valid, signature.coverage.byteRange)).toBe(true);
    }
    const tampered = flipByteInSignedRange(valid);
    const theirs = await verifier.verify(tampered);
    for (const signature of theirs.signatures) {
      expect(signature.indication).toBe('TOTAL-FAILED');
      expect(opensslVerifies(tampered, signature.coverage.byteRange)).toBe(false);
    }
  });
});
