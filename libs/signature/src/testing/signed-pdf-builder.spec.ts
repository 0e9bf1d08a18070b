import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDocument, PDFName } from 'pdf-lib';
import { testRunDir } from '@docaxis/testing/test-run';
import { readDevAgenciesFile } from '@docaxis/signature/pki/dev-agency';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { ensureDevPki } from '@docaxis/signature/pki/dev-pki-provisioner';
import { opensslTimestamper } from './openssl-timestamp-authority';
import { signPdf } from './pdf-signer';
import { Pdfsig } from './pdfsig';
import {
  appendAnnotation,
  appendPageContentChange,
  flipByteInSignedRange,
  garbleSignatureContents,
  removeByteRange,
  truncate,
} from './pdf-tampering';
import { devPkiSigner, signedDispatchPdf } from './signed-dispatch-pdf';
import { locateSignatures } from './signed-pdf-locator';
import { buildUnsignedPdf } from './unsigned-pdf-builder';

const AGENCIES = readDevAgenciesFile(join(__dirname, '../../../../certs/dev-agencies.json')).filter(
  (agency) => ['000.00.00.G22', '000.00.00.H41'].includes(agency.code),
);
const G22 = '000.00.00.G22';

let pki: DevPki;
let workDir: string;
let pdfsig: Pdfsig;
let fileCounter = 0;

function run(command: string, args: string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

function save(pdf: Buffer, suffix = 'pdf'): string {
  fileCounter += 1;
  const path = join(workDir, `fixture-${fileCounter}.${suffix}`);
  writeFileSync(path, pdf);
  return path;
}

/** openssl cms -verify of one extracted signature over its byte-range content. */
function opensslVerify(
  pdf: Buffer,
  index: number,
  extra: string[] = [],
): { ok: boolean; output: string } {
  const signature = locateSignatures(pdf)[index];
  return run('openssl', [
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    save(signature.cms, 'p7s'),
    '-content',
    save(signature.signedContent(), 'bin'),
    '-CAfile',
    pki.root.certPath,
    '-purpose',
    'any',
    '-out',
    '/dev/null',
    ...extra,
  ]);
}

function cmsPrint(pdf: Buffer, index: number): string {
  const signature = locateSignatures(pdf)[index];
  return run('openssl', [
    'cms',
    '-cmsout',
    '-print',
    '-inform',
    'DER',
    '-in',
    save(signature.cms, 'p7s'),
  ]).output;
}

function qpdfCheck(pdf: Buffer): { ok: boolean; output: string } {
  return run('qpdf', ['--check', save(pdf)]);
}

beforeAll(async () => {
  const base = join(testRunDir(), 'signed-pdf-builder');
  mkdirSync(base, { recursive: true });
  workDir = mkdtempSync(join(base, 'work-'));
  pki = (await ensureDevPki({ outDir: join(base, 'pki'), agencies: AGENCIES })).pki;
  pdfsig = Pdfsig.trusting(pki.root.certPath, workDir);
});

describe('buildUnsignedPdf', () => {
  it('builds a valid PDF with the requested pages and title', async () => {
    const pdf = await buildUnsignedPdf({ pages: 3, title: 'Quyết định 123/QĐ-TTg (TEST)' });
    expect(qpdfCheck(pdf).ok).toBe(true);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(3);
    expect(doc.getTitle()).toBe('Quyết định 123/QĐ-TTg (TEST)');
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  });

  it.each([100_000, 5_000_000])('pads to about %i bytes with an attachment', async (target) => {
    const pdf = await buildUnsignedPdf({ targetSizeBytes: target });
    expect(Math.abs(pdf.length - target)).toBeLessThan(64);
    const doc = await PDFDocument.load(pdf);
    expect(doc.catalog.get(PDFName.of('Names'))).toBeDefined();
    expect(qpdfCheck(pdf).ok).toBe(true);
  });

  it('writes a cross-reference stream when asked for object streams', async () => {
    const classic = await buildUnsignedPdf();
    const compact = await buildUnsignedPdf({ useObjectStreams: true });
    expect(classic.toString('latin1')).toMatch(/\nxref\n/);
    expect(compact.toString('latin1')).toContain('/Type /XRef');
    expect(compact.toString('latin1')).not.toMatch(/\nxref\n/);
  });

  const dejaVu = '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf';
  (existsSync(dejaVu) ? it : it.skip)('embeds a TrueType font for Vietnamese text', async () => {
    const pdf = await buildUnsignedPdf({
      fontPath: dejaVu,
      lines: ['Ủy ban nhân dân tỉnh Đồng Tháp'],
    });
    expect(pdf.toString('latin1')).toContain('/FontFile2');
    expect(qpdfCheck(pdf).ok).toBe(true);
  });
});

describe('signedDispatchPdf (leader, then organization)', () => {
  let unsigned: Buffer;
  let signed: Buffer;

  beforeAll(async () => {
    unsigned = await buildUnsignedPdf();
    signed = await signedDispatchPdf(pki, G22, { pdf: unsigned });
  });

  it('pdfsig lists both signatures, each valid with a trusted certificate', () => {
    const signatures = pdfsig.signatures(signed);
    expect(signatures).toEqual([
      {
        fieldName: 'Signature1',
        signer: pki.agency(G22).leader.fullName,
        signatureValidation: 'Signature is Valid.',
        certificateValidation: 'Certificate is Trusted.',
        totalDocumentSigned: false,
        hash: 'SHA-256',
        type: 'ETSI.CAdES.detached',
      },
      {
        fieldName: 'Signature2',
        signer: 'Văn phòng Chính phủ',
        signatureValidation: 'Signature is Valid.',
        certificateValidation: 'Certificate is Trusted.',
        totalDocumentSigned: true,
        hash: 'SHA-256',
        type: 'ETSI.CAdES.detached',
      },
    ]);
  });

  it('pdfsig accepts both signatures when each carries a timestamp from the TEST TSA', async () => {
    const timestamped = await signedDispatchPdf(pki, G22, {
      pdf: unsigned,
      signOptions: { timestamp: opensslTimestamper(pki, workDir) },
    });
    expect(
      pdfsig
        .signatures(timestamped)
        .map((s) => [s.fieldName, s.signatureValidation, s.certificateValidation]),
    ).toEqual([
      ['Signature1', 'Signature is Valid.', 'Certificate is Trusted.'],
      ['Signature2', 'Signature is Valid.', 'Certificate is Trusted.'],
    ]);
  });

  it('openssl cms -verify accepts each extracted signature over its byte range', () => {
    expect(opensslVerify(signed, 0)).toEqual({ ok: true, output: 'CMS Verification successful\n' });
    expect(opensslVerify(signed, 1)).toEqual({ ok: true, output: 'CMS Verification successful\n' });
  });

  it('qpdf --check passes', () => {
    const check = qpdfCheck(signed);
    expect(check.output).toContain('No syntax or stream encoding errors found');
    expect(check.ok).toBe(true);
  });

  it('appends incrementally: the input and the first revision are byte-for-byte prefixes', () => {
    const [first, second] = locateSignatures(signed);
    expect(signed.subarray(0, unsigned.length).equals(unsigned)).toBe(true);
    const firstRevisionEnd = first.byteRange[2] + first.byteRange[3];
    expect(firstRevisionEnd).toBeLessThan(signed.length);
    expect(signed.subarray(firstRevisionEnd - 6, firstRevisionEnd).toString('latin1')).toBe(
      '%%EOF\n',
    );
    expect(second.byteRange[2] + second.byteRange[3]).toBe(signed.length);
  });

  it('byte ranges cover everything except the /Contents hex string', () => {
    for (const { byteRange, contentsStart, contentsEnd } of locateSignatures(signed)) {
      expect(byteRange[0]).toBe(0);
      expect(byteRange[1]).toBe(contentsStart);
      expect(byteRange[2]).toBe(contentsEnd);
      expect(signed[contentsStart]).toBe(0x3c); // <
      expect(signed[contentsEnd - 1]).toBe(0x3e); // >
    }
  });

  it('carries the default signed attributes and the signer plus issuing CA certificates', () => {
    const printed = cmsPrint(signed, 1);
    for (const attribute of [
      'contentType',
      'messageDigest',
      'signingTime',
      'id-smime-aa-signingCertificateV2',
    ]) {
      expect(printed).toContain(`object: ${attribute} `);
    }
    expect(printed.match(/d\.certificate:/g)).toHaveLength(2);
    expect(printed).toContain('eContent: <ABSENT>'); // detached
    expect(printed).toContain('algorithm: rsaEncryption (1.2.840.113549.1.1.1)');
  });

  it('adds one AcroForm with SigFlags 3 and both widgets on page 1', async () => {
    const doc = await PDFDocument.load(signed);
    const form = doc.getForm();
    expect(form.getFields().map((field) => field.getName())).toEqual(['Signature1', 'Signature2']);
    expect(form.acroForm.dict.get(PDFName.of('SigFlags'))?.toString()).toBe('3');
    expect(doc.getPage(0).node.lookup(PDFName.of('Annots'), PDFArray).size()).toBe(2);
  });

  it('signs with the agency only when leader is false, and with special certificates', async () => {
    const sealOnly = await signedDispatchPdf(pki, G22, { pdf: unsigned, leader: false });
    expect(locateSignatures(sealOnly)).toHaveLength(1);

    const revoked = await signedDispatchPdf(pki, G22, {
      pdf: unsigned,
      organization: pki.special('revoked-organization'),
    });
    expect(opensslVerify(revoked, 1).ok).toBe(true); // the signature itself is fine...
    // openssl cms has no -CRLfile: its -CAfile loads the CRLs the file holds as well.
    const rootAndCrl = save(Buffer.from(pki.root.certPem + pki.crl('issuing-ca').pem), 'pem');
    const withCrl = opensslVerify(revoked, 1, ['-crl_check', '-CAfile', rootAndCrl]);
    expect(withCrl.ok).toBe(false); // ...but the certificate is revoked
    expect(withCrl.output).toContain('certificate revoked');

    const rogue = await signedDispatchPdf(pki, G22, {
      pdf: unsigned,
      organization: pki.special('rogue-organization'),
    });
    expect(devPkiSigner(pki, pki.special('rogue-organization')).chainPems).toEqual([
      pki.special('rogue-root-ca').certPem,
    ]);
    const rogueCheck = opensslVerify(rogue, 1);
    expect(rogueCheck.ok).toBe(false);
    expect(rogueCheck.output).toMatch(
      /self-signed certificate in certificate chain|certificate signature failure/,
    );
  });
});

describe('signPdf algorithms', () => {
  let unsigned: Buffer;
  beforeAll(async () => {
    unsigned = await buildUnsignedPdf();
  });

  it.each([
    ['RSA PKCS#1 v1.5 SHA-1', 'organization', { digest: 'sha1' }, 'SHA1', 'rsaEncryption'],
    ['RSA PKCS#1 v1.5 SHA-384', 'organization', { digest: 'sha384' }, 'SHA-384', 'rsaEncryption'],
    ['RSA PKCS#1 v1.5 SHA-512', 'organization', { digest: 'sha512' }, 'SHA-512', 'rsaEncryption'],
    [
      'RSA PKCS#1 v1.5 sha256WithRSAEncryption',
      'organization',
      { rsaSignatureAlgorithm: 'hash-with-rsa' },
      'SHA-256',
      'sha256WithRSAEncryption',
    ],
    ['RSA-PSS SHA-256', 'organization', { rsaPadding: 'pss' }, 'SHA-256', 'rsassaPss'],
    [
      'RSA-PSS SHA-512',
      'organization',
      { rsaPadding: 'pss', digest: 'sha512' },
      'SHA-512',
      'rsassaPss',
    ],
    ['ECDSA P-256 SHA-256', 'ecdsa-p256-organization', {}, 'SHA-256', 'ecdsa-with-SHA256'],
    [
      'ECDSA P-384 SHA-384',
      'ecdsa-p384-organization',
      { digest: 'sha384' },
      'SHA-384',
      'ecdsa-with-SHA384',
    ],
  ] as const)(
    '%s verifies with openssl and pdfsig',
    async (_label, who, options, hash, algorithm) => {
      const credential = who === 'organization' ? pki.agency(G22).organization : pki.special(who);
      const pdf = await signPdf(unsigned, devPkiSigner(pki, credential), options);
      expect(opensslVerify(pdf, 0)).toEqual({ ok: true, output: 'CMS Verification successful\n' });
      const [signature] = pdfsig.signatures(pdf);
      expect(signature.signatureValidation).toBe('Signature is Valid.');
      expect(signature.hash).toBe(hash);
      expect(cmsPrint(pdf, 0)).toMatch(
        new RegExp(`signatureAlgorithm: \\n\\s+algorithm: ${algorithm} `),
      );
    },
  );

  it('signs a PDF with a cross-reference stream twice, keeping xref streams', async () => {
    const compact = await buildUnsignedPdf({ useObjectStreams: true, pages: 2 });
    const pdf = await signedDispatchPdf(pki, '000.00.00.H41', { pdf: compact });
    expect(pdf.toString('latin1').match(/\/Type \/XRef/g)).toHaveLength(3);
    expect(
      pdfsig.signatures(pdf).map((s) => [s.signatureValidation, s.certificateValidation]),
    ).toEqual([
      ['Signature is Valid.', 'Certificate is Trusted.'],
      ['Signature is Valid.', 'Certificate is Trusted.'],
    ]);
    expect(qpdfCheck(pdf).ok).toBe(true);
  });

  it('honours the attribute switches, the field name and the sub-filter', async () => {
    const pdf = await signPdf(unsigned, devPkiSigner(pki, pki.agency(G22).organization), {
      includeSigningTime: false,
      includeSigningCertificateV2: false,
      fieldName: 'Chữ ký cơ quan',
      subFilter: 'adbe.pkcs7.detached',
      reason: 'Đóng dấu',
      location: 'Hà Nội',
      signingTime: new Date('2026-03-01T02:03:04Z'),
    });
    const printed = cmsPrint(pdf, 0);
    expect(printed).not.toContain('signingTime');
    expect(printed).not.toContain('signingCertificateV2');
    expect(printed).toContain('object: messageDigest ');
    const [signature] = pdfsig.signatures(pdf);
    expect(signature).toMatchObject({
      fieldName: 'Chữ ký cơ quan',
      type: 'adbe.pkcs7.detached',
      signatureValidation: 'Signature is Valid.',
    });
    expect(pdf.toString('latin1')).toContain('/M (D:20260301020304Z)');
  });

  it('refuses a CMS larger than the reserved /Contents', async () => {
    await expect(
      signPdf(unsigned, devPkiSigner(pki, pki.agency(G22).organization), {
        contentsReservedBytes: 512,
      }),
    ).rejects.toMatchObject({ code: 'PDF_SIGNATURE_CONTENTS_OVERFLOW' });
  });

  it('refuses input that is not a PDF', async () => {
    await expect(
      signPdf(Buffer.from('not a pdf'), devPkiSigner(pki, pki.agency(G22).organization)),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^PDF_/) });
  });

  it('signs a 5 MB document twice', async () => {
    const big = await buildUnsignedPdf({ targetSizeBytes: 5_000_000 });
    const pdf = await signedDispatchPdf(pki, G22, { pdf: big });
    expect(opensslVerify(pdf, 0).ok).toBe(true);
    expect(opensslVerify(pdf, 1).ok).toBe(true);
  });
});

describe('pdf-tampering', () => {
  let signed: Buffer;
  beforeAll(async () => {
    signed = await signedDispatchPdf(pki, G22);
  });

  it('flipByteInSignedRange breaks every signature digest, the file still parses', () => {
    const tampered = flipByteInSignedRange(signed);
    expect(tampered.length).toBe(signed.length);
    expect(tampered.equals(signed)).toBe(false);
    for (const index of [0, 1]) {
      const result = opensslVerify(tampered, index);
      expect(result.ok).toBe(false);
      expect(result.output).toContain('content verify error');
    }
    expect(pdfsig.signatures(tampered).map((s) => s.signatureValidation)).toEqual([
      'Digest Mismatch.',
      'Digest Mismatch.',
    ]);
    expect(qpdfCheck(tampered).ok).toBe(true);
  });

  it('flipByteInSignedRange refuses an offset outside the signed ranges', () => {
    const [first] = locateSignatures(signed);
    expect(() => flipByteInSignedRange(signed, { offset: first.contentsStart + 2 })).toThrow(
      expect.objectContaining({ code: 'PDF_TAMPER_OFFSET_UNSIGNED' }),
    );
  });

  it('appendPageContentChange adds a revision that changes the page content', async () => {
    const changed = await appendPageContentChange(signed);
    expect(changed.subarray(0, signed.length).equals(signed)).toBe(true);
    const signatures = pdfsig.signatures(changed);
    expect(signatures.map((s) => [s.signatureValidation, s.totalDocumentSigned])).toEqual([
      ['Signature is Valid.', false],
      ['Signature is Valid.', false],
    ]);
    const doc = await PDFDocument.load(changed);
    expect(doc.getPage(0).node.lookup(PDFName.of('Contents'), PDFArray).size()).toBe(2);
    expect(qpdfCheck(changed).ok).toBe(true);
  });

  it('appendAnnotation adds a revision with one more text annotation', async () => {
    const annotated = await appendAnnotation(signed);
    expect(annotated.subarray(0, signed.length).equals(signed)).toBe(true);
    const doc = await PDFDocument.load(annotated);
    const annots = doc.getPage(0).node.lookup(PDFName.of('Annots'), PDFArray);
    expect(annots.size()).toBe(3);
    expect(annots.lookup(2)?.toString()).toContain('/Subtype /Text');
    expect(pdfsig.signatures(annotated).map((s) => s.signatureValidation)).toEqual([
      'Signature is Valid.',
      'Signature is Valid.',
    ]);
    expect(qpdfCheck(annotated).ok).toBe(true);
  });

  it('truncate cuts the tail', () => {
    const cut = truncate(signed, 100);
    expect(cut.length).toBe(signed.length - 100);
    expect(cut.equals(signed.subarray(0, signed.length - 100))).toBe(true);
    expect(() => truncate(signed, signed.length + 1)).toThrow(
      expect.objectContaining({ code: 'PDF_TRUNCATE_INVALID' }),
    );
  });

  it('garbleSignatureContents makes the CMS unparseable, or its signature value wrong', () => {
    const unparseable = garbleSignatureContents(signed);
    expect(unparseable.length).toBe(signed.length);
    const parse = opensslVerify(unparseable, 1);
    expect(parse.ok).toBe(false);
    expect(parse.output).not.toContain('content verify error');
    expect(opensslVerify(unparseable, 0).ok).toBe(true); // the other signature is untouched

    const wrongValue = garbleSignatureContents(signed, {
      mode: 'signature-value',
      signatureIndex: 0,
    });
    const check = opensslVerify(wrongValue, 0);
    expect(check.ok).toBe(false);
    expect(check.output).toContain('CMS_SignerInfo_verify:verification failure');
    expect(locateSignatures(wrongValue)[0].cms.length).toBe(locateSignatures(signed)[0].cms.length);
  });

  it('removeByteRange leaves a signature dictionary without /ByteRange', () => {
    const stripped = removeByteRange(signed);
    expect(stripped.length).toBe(signed.length);
    expect(locateSignatures(stripped)).toHaveLength(1);
    expect(stripped.toString('latin1').match(/\/ByteRange/g)).toHaveLength(1);
    expect(stripped.toString('latin1').match(/\/Type \/Sig\b/g)).toHaveLength(2);
  });

  it('refuses to tamper with an unsigned PDF', async () => {
    const unsigned = await buildUnsignedPdf();
    expect(() => garbleSignatureContents(unsigned)).toThrow(
      expect.objectContaining({ code: 'PDF_NOT_SIGNED' }),
    );
  });
});
